// SPDX-License-Identifier: Apache-2.0
/**
 * The clinics' REST API under {@code /api} (OpenAPI document at {@code /openapi}): clinical work, patient
 * self-service, the front desk's request handling, the auditor's view and the demo clock. Errors are answered as
 * RFC 9457 problem documents that carry Custos' message ids, never with a stack trace.
 */
package dev.custos.sample.api;
