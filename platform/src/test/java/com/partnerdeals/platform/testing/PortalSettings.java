package com.partnerdeals.platform.testing;

import com.partnerdeals.platform.config.PortalProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link PortalProperties} bound as the service binds them, from settings by name
 * ({@code "portal.deal.free-email-domains", "gmail.com"}): a test names the settings it is about and does not
 * depend on the shape of the record, which grows with every new setting.
 */
public final class PortalSettings {

    private PortalSettings() {
    }

    /** The defaults, with these settings: names and values in turn. */
    public static PortalProperties of(String... namesAndValues) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            settings.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("portal", PortalProperties.class);
    }
}
