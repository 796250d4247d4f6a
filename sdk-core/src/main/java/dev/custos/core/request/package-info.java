// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: data-subject requests under GDPR Chapter III and their deadlines under Art. 12(3).
 * <p>
 * A {@link dev.custos.core.request.DataSubjectRequest} is an immutable value that moves through the
 * {@link dev.custos.core.request.RequestState} life cycle and records who moved it, when and why.
 * {@link dev.custos.core.request.RequestDeadlines} computes when an answer is due, counting calendar months
 * as Regulation (EEC, Euratom) No 1182/71 does, in the controller's time zone. Everything here is plain JDK
 * code, immutable or stateless, and thread-safe; storing requests is up to the caller.
 */
package dev.custos.core.request;
