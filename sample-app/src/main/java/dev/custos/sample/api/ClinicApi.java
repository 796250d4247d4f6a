// SPDX-License-Identifier: Apache-2.0
package dev.custos.sample.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The REST API of both clinics, under {@code /api}; the OpenAPI document is served at {@code /openapi}. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "Custos sample clinics", version = "1",
        description = "Two fictional clinics, one under the Danish and one under the Norwegian policy pack."))
public class ClinicApi extends Application {
}
