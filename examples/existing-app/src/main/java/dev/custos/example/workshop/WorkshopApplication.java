// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API under /api. */
@ApplicationPath("api")
public class WorkshopApplication extends Application {
}
