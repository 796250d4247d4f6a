// SPDX-License-Identifier: Apache-2.0
/**
 * Public API: carrying out data-subject requests (GDPR Art. 15-21 and 7(3)) against the annotated entities of a
 * persistence unit. {@link dev.custos.jpa.request.RequestExecutor} receives a request, records the identity
 * check and then answers it: an access export, a portability export, rectification, restriction, objection,
 * consent withdrawal, or erasure field by field. Deadlines and the request's states come from sdk-core's
 * {@link dev.custos.core.request.DataSubjectRequest}; the requests themselves are kept by
 * {@link dev.custos.jpa.internal.store.RequestStore}.
 */
package dev.custos.jpa.request;
