package com.partnerdeals.platform.web;

import com.partnerdeals.platform.security.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
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
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
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

    /** One tag per resource, in the order a reader meets them. */
    private static final Map<String, String> TAGS = tags(
            "Partners", "The consulting firms in the program: domains, commission rate, active",
            "Deals", "Registration, review, stages, closing, notes; the board, detail, audit history and point in time",
            "Review queue", "The partner managers' queue of deals waiting for a decision",
            "Customers", "Customer accounts: trials, extensions, subscriptions, the product's usage reports; the overview",
            "Dashboard", "Figures for a partner or for vendor staff",
            "Personal data", "Right of access and erasure for customer contacts (GDPR)",
            "Projections", "Read model status, replay and dead letters (vendor staff)",
            "Development tokens", "Token minting for the embedded default only");

    /** Every code an error answer can carry; the specification explains each. */
    static final List<String> PROBLEM_CODES = List.of(
            "VALIDATION_FAILED", "MALFORMED_REQUEST", "UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "METHOD_NOT_ALLOWED",
            "NOT_ACCEPTABLE", "UNSUPPORTED_MEDIA_TYPE", "PAYLOAD_TOO_LARGE", "REQUEST_HEADER_FIELDS_TOO_LARGE",
            "VERSION_MISMATCH", "CONCURRENT_MODIFICATION", "SERVICE_UNAVAILABLE", "INTERNAL_ERROR",
            "PARTNER_EXISTS", "PARTNER_NOT_REGISTERED", "PARTNER_INACTIVE",
            "CONTACT_IS_PARTNER", "FREE_EMAIL_DOMAIN", "DUPLICATE_DEAL", "DEAL_ID_TAKEN", "REVIEW_ALREADY_DECIDED",
            "DEAL_DENIED", "DEAL_CLOSED", "DEAL_NOT_ACCEPTED", "DEAL_NOT_LOST", "USE_CLOSE_COMMAND", "NOTE_ID_TAKEN",
            "TRIAL_EXISTS", "EXTENSION_ALREADY_REQUESTED", "TRIAL_ALREADY_EXTENDED", "SUBSCRIPTION_ACTIVE",
            "REPLAY_IN_PROGRESS", "REPLAY_NOT_SUPPORTED", "REPLAY_NEEDS_ALL_NODES_STOPPED", "NO_DEAD_LETTER_QUEUE");

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

    /** Path ids and the email of the access report, as a client would send them. */
    private static final Map<String, String> PARAMETER_EXAMPLES = Map.of(
            "dealId", "3f1c2a9e-8b4d-4e7a-9c1f-2d5e6a7b8c9d",
            "customerId", "8a6f0d3e-1b2c-4d5e-8f90-a1b2c3d4e5f6",
            "partnerId", "nordic-grc",
            "noteId", "note-1",
            "name", "deal-views",
            "email", "anna.virtanen@acme.fi");

    /**
     * Every required parameter named like an id gets an example, so that "Try it out" starts from a plausible
     * request. Optional filters get none: Swagger UI would fill them in and a manager's board would come back
     * filtered by a partner nobody chose.
     */
    @Bean
    OperationCustomizer parameterExamples() {
        return (operation, handler) -> {
            if (operation.getParameters() != null) {
                operation.getParameters().stream()
                        .filter(parameter -> Boolean.TRUE.equals(parameter.getRequired()) && parameter.getExample() == null
                                && parameter.getSchema() != null
                                && parameter.getSchema().getExample() == null)
                        .forEach(parameter -> {
                            String example = PARAMETER_EXAMPLES.get(parameter.getName());
                            if (example != null) {
                                parameter.setExample(example);
                            }
                        });
            }
            return operation;
        };
    }

    @Bean
    OpenAPI partnerDealsApi() {
        return new OpenAPI()
                .info(new Info().title("Partner Deal Registration API").version("1")
                        .description("Partners register deals for their customers; partner managers review them. "
                                + "Every request needs a bearer token; its roles (PARTNER, PARTNER_MANAGER, SYSTEM) and "
                                + "partner_id decide what it may see and do. Errors are application/problem+json with an "
                                + "upper-case `code`.")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                // Relative, so that "Try it out" calls whichever address served the document (a gateway included).
                .addServersItem(new Server().url("/").description("The address this document was served from"))
                .tags(TAGS.entrySet().stream().map(tag -> new Tag().name(tag.getKey()).description(tag.getValue())).toList())
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    /** The problem+json answers in the document: the Problem schema, and on every operation the ones it can give. */
    @Bean
    OpenApiCustomizer documentedProblems() {
        return api -> {
            // Added here, not in the OpenAPI bean: springdoc drops schemas nothing refers to before customizers run.
            api.getComponents().addSchemas(PROBLEM, problemSchema());
            api.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) ->
                    documentProblems(method, operation)));
        };
    }

    /** Every operation documents the problems it can answer; commands also their conflicts and version headers. */
    private static void documentProblems(PathItem.HttpMethod method, Operation operation) {
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
        problems.put("503", command
                ? "SERVICE_UNAVAILABLE: the database cannot be reached, or the service is busy with other changes "
                        + "(portal.commands.admission-wait); retry after the Retry-After seconds"
                : "SERVICE_UNAVAILABLE: the database cannot be reached; retry after the Retry-After seconds");
        problems.forEach((status, description) -> addProblem(operation, status, description));
        if (command) {
            documentVersionHeaders(operation);
        }
    }

    /** A command's success carries the new version as ETag; a 201 also the Location of what it created. */
    private static void documentVersionHeaders(Operation operation) {
        operation.getResponses().forEach((status, response) -> {
            if (!status.startsWith("2") || response.getContent() == null) {
                return;
            }
            response.addHeaderObject("ETag", new Header().description("The aggregate's new version, quoted")
                    .schema(new StringSchema().example("\"3\"")));
            if (status.equals("201")) {
                response.addHeaderObject("Location", new Header().description("The created resource")
                        .schema(new StringSchema().example("/api/deals/3f1c2a9e-8b4d-4e7a-9c1f-2d5e6a7b8c9d")));
            }
        });
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
        StringSchema code = new StringSchema();
        code.setEnum(PROBLEM_CODES);
        return new ObjectSchema()
                .description("An error answer (RFC 9457) with the specification's upper-case code")
                .addProperty("type", new StringSchema().description("URI identifying the problem type")
                        .example("about:blank"))
                .addProperty("title", new StringSchema().example("Conflict"))
                .addProperty("status", new IntegerSchema().example(409))
                .addProperty("detail", new StringSchema()
                        .example("This partner already has an open, protected deal for acme.fi"))
                .addProperty("code", code.description("What went wrong, for programs").example("DUPLICATE_DEAL"))
                .addProperty("existingDealId", new StringSchema().description("DUPLICATE_DEAL only: the deal that blocks"))
                .addProperty("errors", new ArraySchema().description("VALIDATION_FAILED only: each refused field")
                        .items(new ObjectSchema()
                                .addProperty("field", new StringSchema().example("customer.contactEmail"))
                                .addProperty("message", new StringSchema().example("must be a well-formed email address"))))
                .required(List.of("type", "title", "status", "code"));
    }

    private static Map<String, String> tags(String... namesAndDescriptions) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (int i = 0; i < namesAndDescriptions.length; i += 2) {
            tags.put(namesAndDescriptions[i], namesAndDescriptions[i + 1]);
        }
        return tags;
    }
}
