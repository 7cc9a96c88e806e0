package com.partnerdeals.platform.web;

import com.partnerdeals.platform.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at {@code /v3/api-docs}: bearer tokens and the problem+json error responses. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";

    static {
        // The caller comes from the bearer token, not from the request: no client should be asked for it.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class, ExpectedVersion.class);
    }

    /** A command that takes an {@link ExpectedVersion} documents the header it comes from. */
    @Bean
    OperationCustomizer ifMatchHeader() {
        return (operation, handler) -> {
            if (Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.getParameterType() == ExpectedVersion.class)) {
                operation.addParametersItem(new HeaderParameter().name(ExpectedVersion.HEADER).required(false)
                        .description("The version the client saw (the ETag of an earlier answer); if the resource has "
                                + "moved on since, 412 VERSION_MISMATCH and nothing changes")
                        .schema(new StringSchema().example("\"3\"")));
            }
            return operation;
        };
    }

    @Bean
    OpenAPI partnerDealsApi() {
        return new OpenAPI()
                .info(new Info().title("Partner Deal Registration API").version("1")
                        .description("Partners register deals for their customers; partner managers review them. "
                                + "Errors are application/problem+json with an upper-case `code`."))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT"))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** Every operation documents the problems it can answer; commands also their conflicts. */
    @Bean
    OpenApiCustomizer documentedProblems() {
        return api -> api.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
            boolean command = method != PathItem.HttpMethod.GET;
            Map<String, String> problems = new LinkedHashMap<>();
            problems.put("400", "Invalid input: VALIDATION_FAILED (with errors[{field, message}]), MALFORMED_REQUEST, "
                    + "or a rule's code (e.g. CONTACT_IS_PARTNER, FREE_EMAIL_DOMAIN, USE_CLOSE_COMMAND)");
            problems.put("401", "UNAUTHORIZED: no token or an invalid token");
            problems.put("403", "FORBIDDEN: the token's role may not do this; PARTNER_NOT_REGISTERED; PARTNER_INACTIVE "
                    + "(a deactivated partner's users only read and add notes)");
            problems.put("404", "NOT_FOUND: no such resource, or another partner's");
            if (command) {
                problems.put("409", "A rule refused the command: DUPLICATE_DEAL (with existingDealId), DEAL_ID_TAKEN, "
                        + "REVIEW_ALREADY_DECIDED, DEAL_DENIED, DEAL_CLOSED, DEAL_NOT_ACCEPTED, ... or CONCURRENT_MODIFICATION");
                problems.put("412", "VERSION_MISMATCH: the If-Match version is not the current one");
                problems.put("413", "PAYLOAD_TOO_LARGE: the body is over 1 MiB");
                problems.put("415", "UNSUPPORTED_MEDIA_TYPE: the body is not sent as application/json");
            }
            problems.put("406", "NOT_ACCEPTABLE: the Accept header allows neither application/json nor problem+json");
            problems.put("503", "SERVICE_UNAVAILABLE: the database cannot be reached; retry after the Retry-After seconds");
            problems.forEach((status, description) -> addProblem(operation, status, description));
        }));
    }

    private static void addProblem(Operation operation, String status, String description) {
        if (operation.getResponses() == null || operation.getResponses().containsKey(status)) {
            return;
        }
        operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema()
                .addProperty("type", new StringSchema().description("URI identifying the problem type"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("code", new StringSchema().description("Upper-case code from the specification"))
                .addProperty("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema())));
    }
}
