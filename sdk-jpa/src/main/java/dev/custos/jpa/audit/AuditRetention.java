// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.audit;

import dev.custos.core.CustosException;
import dev.custos.core.audit.ChainVerification;
import dev.custos.core.audit.Checkpoint;
import dev.custos.jpa.CustosRuntime;
import dev.custos.jpa.CustosSetting;
import dev.custos.jpa.CustosSettings;
import dev.custos.jpa.internal.OwnTransaction;
import dev.custos.jpa.internal.SanitizedCause;
import dev.custos.jpa.internal.store.AuditExportFile;
import dev.custos.jpa.internal.store.AuditPartitionStore;
import dev.custos.jpa.internal.store.AuditPartitionStore.Exported;
import dev.custos.jpa.internal.store.AuditPartitionStore.Span;
import dev.custos.jpa.internal.store.AuditTrail;
import dev.custos.jpa.internal.store.ChainCut;
import dev.custos.jpa.internal.store.CheckpointSigner;
import dev.custos.jpa.internal.store.StoreMessages;
import dev.custos.jpa.tx.Failures;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The audit trail's own retention on PostgreSQL ({@code custos.audit.retention}): a monthly partition of
 * {@code custos_audit_record} that ends more than the retention period ago is dropped, but only after
 * {@link #export(Path)} wrote its records to a file together with a checkpoint of each chain's last record in it,
 * signed with the operator's key ({@code custos.checkpoint.signing-key}) as chain {@value SignedCheckpoint#CUT}, and
 * recorded the export in {@code custos_audit_export}. Verification of a chain then starts from that signed cut.
 * <p>
 * When in doubt a partition is kept, with a numbered WARNING saying why: not exported ({@code CUSTOS-04274}), its
 * export file missing or changed ({@code CUSTOS-04275}), a cut the key did not sign ({@code CUSTOS-04276}), records
 * arrived since the export ({@code CUSTOS-04277}), or its records are not the oldest of their chain
 * ({@code CUSTOS-04272}: records carry their event's time, so a late record may lie in an older month). Partitions
 * go oldest first, and the first one kept stops the run. Safe on several servers at once. Thread-safe.
 */
public final class AuditRetention {

    private static final System.Logger LOG = System.getLogger(AuditRetention.class.getName());

    private final CustosRuntime runtime;
    private final CheckpointSigner signer;
    private final Period keep;
    private final AuditPartitionStore store = new AuditPartitionStore();

    /** Keeps records for {@code keep}, signing cuts with the PKCS#8 Ed25519 key in {@code signingKey}. */
    public AuditRetention(CustosRuntime runtime, Path signingKey, Period keep) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.signer = new CheckpointSigner(CheckpointSigner.readKey(CustosSetting.CHECKPOINT_SIGNING_KEY.key(),
                Objects.requireNonNull(signingKey, "signingKey")), runtime.clock());
        this.keep = Objects.requireNonNull(keep, "keep");
    }

    /**
     * The retention the settings configure: empty when {@code custos.audit.retention} is {@code none}, or when no
     * signing key is set ({@code CUSTOS-04281}, logged: every record is kept then).
     */
    public static Optional<AuditRetention> configured(CustosRuntime runtime, CustosSettings settings) {
        Optional<Period> keep = settings.period(CustosSetting.AUDIT_RETENTION);
        if (keep.isEmpty()) {
            return Optional.empty();
        }
        String key = settings.text(CustosSetting.CHECKPOINT_SIGNING_KEY);
        if (key.equalsIgnoreCase("none")) {
            LOG.log(System.Logger.Level.WARNING, StoreMessages.cutSigningUnconfigured().toString());
            return Optional.empty();
        }
        return Optional.of(new AuditRetention(runtime, Path.of(key), keep.get()));
    }

    /**
     * Exports every partition past the retention period that was not exported yet, oldest first, into
     * {@code directory} ({@code <partition>.csv} with its records, {@code <partition>.cut.csv} with the signed cut of
     * each chain), each in a transaction of its own, and returns the partitions exported. Each chain is verified
     * first; a broken one stops the export ({@code CUSTOS-04273}).
     *
     * @throws CustosException {@code CUSTOS-04282} for a directory that is not writable, {@code CUSTOS-04278} when
     *                         writing or the database fails (nothing is recorded for that partition)
     */
    public List<String> export(Path directory) {
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new CustosException(StoreMessages.exportTargetInvalid(directory.toString()));
        }
        List<String> exported = new ArrayList<>();
        for (String partition : pastRetention()) {
            try {
                Boolean done = OwnTransaction.run(runtime, cause -> StoreMessages.exportFailed(partition, cause),
                        c -> exportOne(c, partition, directory));
                if (done == null) {
                    break;
                }
                if (done) {
                    exported.add(partition);
                }
            } catch (UncheckedIOException e) {
                throw new CustosException(StoreMessages.exportFailed(partition,
                        SanitizedCause.describe(e.getCause())), e);
            }
        }
        return exported;
    }

    /**
     * Drops every exported partition past the retention period, oldest first, each in a transaction of its own, and
     * returns the partitions dropped; stops at the first one kept (see the class comment).
     *
     * @throws CustosException {@code CUSTOS-04279} when the database fails
     */
    public List<String> dropExported() {
        List<String> dropped = new ArrayList<>();
        for (String partition : pastRetention()) {
            boolean gone = OwnTransaction.run(runtime, StoreMessages::retentionFailed, c -> dropOne(c, partition));
            if (!gone) {
                break;
            }
            LOG.log(System.Logger.Level.INFO, StoreMessages.partitionDropped(partition, keep.toString()).toString());
            dropped.add(partition);
        }
        return dropped;
    }

    /** As {@link #dropExported()}, for a scheduler: a failure is logged as an ERROR line. */
    public List<String> dropExportedOrLog() {
        try {
            return dropExported();
        } catch (CustosException e) {
            LOG.log(System.Logger.Level.ERROR, e.detail().toString());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, StoreMessages.retentionFailed(Failures.describe(e)).toString());
        }
        return List.of();
    }

    /** The monthly partitions that end on or before today (UTC) minus the retention period, oldest first. */
    private List<String> pastRetention() {
        LocalDate cutoff = LocalDate.ofInstant(runtime.clock().instant(), ZoneOffset.UTC).minus(keep);
        return OwnTransaction.run(runtime, StoreMessages::retentionFailed, c -> {
            if (!AuditPartitionStore.partitioned(c)) {
                return List.<String>of();
            }
            List<String> past = new ArrayList<>();
            for (Map.Entry<YearMonth, String> partition : store.partitions(c).entrySet()) {
                if (!partition.getKey().plusMonths(1).atDay(1).isAfter(cutoff)) {
                    past.add(partition.getValue());
                }
            }
            return past;
        });
    }

    /** True when exported, false when it was already (or holds nothing), null when it must be kept. */
    private Boolean exportOne(Connection c, String partition, Path directory) throws SQLException {
        List<Span> spans = store.spans(c, partition);
        if (spans.isEmpty() || !store.exported(c, partition).isEmpty()) {
            return false;
        }
        for (Span span : spans) {
            if (!oldestOfChain(c, partition, span)) {
                return null;
            }
            ChainVerification verified = new AuditTrail(span.chainId(), runtime.clock()).verify(c, signer);
            if (!verified.intact()) {
                LOG.log(System.Logger.Level.WARNING, StoreMessages.partitionChainBroken(partition,
                        Integer.toString(span.chainId()), verified.problem().orElseThrow().code(),
                        Long.toString(verified.firstBroken().orElseThrow())).toString());
                return null;
            }
        }
        Path records = directory.resolve(partition + ".csv");
        String sha256;
        try (PreparedStatement select = store.records(c, partition)) {
            sha256 = AuditExportFile.writeRecords(records, select);
        }
        List<ChainCut.Stored> cuts = new ArrayList<>();
        for (Span span : spans) {
            cuts.add(signer.signCut(c, span.chainId(), new Checkpoint(span.last(),
                    store.hash(c, partition, span.chainId(), span.last()))));
        }
        AuditExportFile.writeCuts(directory.resolve(partition + ".cut.csv"), cuts);
        for (Span span : spans) {
            store.recordExport(c, partition, new Exported(span.chainId(), span.first(), span.last(), span.count(),
                    records.toAbsolutePath().toString(), sha256), runtime.clock().instant());
        }
        return true;
    }

    /** Whether the span holds the chain's oldest records without gaps, and nothing later lies elsewhere before it. */
    private boolean oldestOfChain(Connection c, String partition, Span span) throws SQLException {
        OptionalLong first = store.firstSequence(c, span.chainId(), null);
        OptionalLong outside = store.firstSequence(c, span.chainId(), partition);
        boolean oldest = first.isPresent() && first.getAsLong() == span.first()
                && span.count() == span.last() - span.first() + 1
                && (outside.isEmpty() || outside.getAsLong() > span.last());
        if (!oldest) {
            LOG.log(System.Logger.Level.WARNING, StoreMessages.partitionNotPrefix(partition,
                    Integer.toString(span.chainId()), Long.toString(span.first()), Long.toString(span.last()))
                    .toString());
        }
        return oldest;
    }

    private boolean dropOne(Connection c, String partition) throws SQLException {
        List<Exported> exported = store.exported(c, partition);
        if (exported.isEmpty() && !store.spans(c, partition).isEmpty()) {
            return keep(StoreMessages.partitionNotExported(partition, keep.toString()));
        }
        for (Exported chain : exported) {
            if (!chain.sha256().equals(AuditExportFile.sha256(Path.of(chain.file())))) {
                return keep(StoreMessages.exportFileChanged(partition, chain.file()));
            }
            Optional<ChainCut.Stored> cut = ChainCut.find(c, chain.chainId(), chain.last());
            if (cut.isEmpty() || !signer.signed(cut.get())) {
                return keep(StoreMessages.cutNotSigned(Integer.toString(chain.chainId()),
                        Long.toString(chain.last())));
            }
        }
        return store.drop(c, partition) || keep(StoreMessages.partitionChanged(partition));
    }

    private static boolean keep(dev.custos.core.Message why) {
        LOG.log(System.Logger.Level.WARNING, why.toString());
        return false;
    }
}
