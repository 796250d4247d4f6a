// SPDX-License-Identifier: Apache-2.0
/**
 * Custos' metrics with the OpenTelemetry API (MicroProfile Telemetry); internal. Nothing here carries a
 * bean-defining annotation, so bean discovery never loads these classes: {@link dev.custos.cdi.internal.CustosExtension}
 * registers the metrics only when the server provides the OpenTelemetry API, and an application without
 * mpTelemetry deploys as before.
 */
package dev.custos.cdi.internal.telemetry;
