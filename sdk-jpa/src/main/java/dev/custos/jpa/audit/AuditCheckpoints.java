// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.audit;

import dev.custos.core.CustosException;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.CustosSetting;
import dev.custos.jpa.CustosSettings;
import dev.custos.jpa.internal.JpaMessages;
import dev.custos.jpa.internal.OwnTransaction;
import dev.custos.jpa.internal.store.CheckpointSigner;
import dev.custos.jpa.tx.Failures;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Signs the heads of the unit's hash chains (the audit chains and the consent ledger) with the operator's Ed25519
 * key, {@code custos.checkpoint.signing-key}, into {@code custos_checkpoint}. The key never enters the database, so
 * the independent verifier ({@code custos-verifier}), given the public key, finds a chain cut short below a signed
 * checkpoint or rewritten with recomputed hashes, although whoever did it could change every row. Records appended
 * after the newest checkpoint are covered by the next one: call {@link #sign()} on a schedule (the CDI layer's
 * scheduled sweep, a timer, a batch job) as often as that gap may be long. Thread-safe.
 */
public final class AuditCheckpoints {

    private static final System.Logger LOG = System.getLogger(AuditCheckpoints.class.getName());

    private final CustosRuntime runtime;
    private final CheckpointSigner signer;

    /**
     * Signs with the PKCS#8 key (PEM or DER) in {@code privateKey}.
     *
     * @throws CustosException {@code CUSTOS-04491} when the file cannot be read as an Ed25519 private key
     */
    public AuditCheckpoints(CustosRuntime runtime, Path privateKey) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.signer = new CheckpointSigner(CheckpointSigner.readKey(CustosSetting.CHECKPOINT_SIGNING_KEY.key(),
                Objects.requireNonNull(privateKey, "privateKey")), runtime.clock());
    }

    /**
     * The signer the settings configure, or empty when {@code custos.checkpoint.signing-key} is {@code none}.
     *
     * @throws CustosException {@code CUSTOS-04491} when the key file cannot be read
     */
    public static Optional<AuditCheckpoints> configured(CustosRuntime runtime, CustosSettings settings) {
        String key = settings.text(CustosSetting.CHECKPOINT_SIGNING_KEY);
        return key.equalsIgnoreCase("none") ? Optional.empty()
                : Optional.of(new AuditCheckpoints(runtime, Path.of(key)));
    }

    /**
     * Signs the head of every chain that moved since its newest checkpoint, in a transaction of its own, and
     * returns what it signed (nothing when no chain moved).
     *
     * @throws CustosException {@code CUSTOS-04492} when the database fails; nothing is stored then
     */
    public List<SignedCheckpoint> sign() {
        return OwnTransaction.run(runtime, JpaMessages::checkpointSigningFailed, signer::sign);
    }

    /**
     * As {@link #sign()}, for a scheduler: a failure is logged as a SEVERE line ({@code CUSTOS-04492}, the cause
     * reduced to exception classes and SQLState, never a driver's text) and nothing is returned; the next run tries
     * again.
     */
    public List<SignedCheckpoint> signOrLog() {
        try {
            return sign();
        } catch (CustosException e) {
            LOG.log(System.Logger.Level.ERROR, e.detail().toString());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, JpaMessages.checkpointSigningFailed(Failures.describe(e)).toString());
        }
        return List.of();
    }
}
