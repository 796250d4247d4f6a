// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import dev.custos.core.request.DataSubjectRequest;
import java.util.Objects;

/**
 * A data-subject request as {@link RequestStore} stored it, with the version that
 * {@link RequestStore#update(java.sql.Connection, StoredRequest, DataSubjectRequest)} checks (optimistic
 * locking). Immutable and thread-safe.
 *
 * @param request the request
 * @param version its row's version, from 1; every update adds 1
 */
public record StoredRequest(DataSubjectRequest request, long version) {

    public StoredRequest {
        Objects.requireNonNull(request, "request");
    }
}
