// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;

/**
 * The files an export of one partition of the audit trail writes: {@code <partition>.csv}, its records by chain and
 * sequence with the columns of {@code custos_audit_record} (RFC 4180, a header line, UTC instants in ISO-8601, NULL
 * as an empty unquoted field, empty text as {@code ""}), and {@code <partition>.cut.csv}, the signed checkpoint of
 * each chain's last record in it. Each is written to a temporary file, forced to disk and then renamed, so a file
 * under its final name is complete. Stateless.
 */
public final class AuditExportFile {

    private AuditExportFile() {
    }

    /** Writes {@code records}' rows to {@code file} and returns the file's SHA-256 in hex. */
    public static String writeRecords(Path file, PreparedStatement records) throws SQLException {
        MessageDigest sha = sha256();
        write(file, out -> {
            try (DigestOutputStream digest = new DigestOutputStream(out, sha);
                 BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(digest, StandardCharsets.UTF_8));
                 ResultSet rows = records.executeQuery()) {
                ResultSetMetaData meta = rows.getMetaData();
                String[] header = new String[meta.getColumnCount()];
                for (int i = 0; i < header.length; i++) {
                    header[i] = meta.getColumnLabel(i + 1);
                }
                writer.write(String.join(",", header));
                writer.write("\r\n");
                while (rows.next()) {
                    for (int i = 0; i < header.length; i++) {
                        if (i > 0) {
                            writer.write(',');
                        }
                        String value = header[i].equals("occurred_at")
                                ? String.valueOf(Jdbc.getInstant(rows, "occurred_at")) : rows.getString(i + 1);
                        writer.write(field(value));
                    }
                    writer.write("\r\n");
                }
            }
        });
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Writes the signed cuts: chain_name, chain_id, last_seq, last_hash, signed_at, signature. */
    public static void writeCuts(Path file, List<ChainCut.Stored> cuts) throws SQLException {
        write(file, out -> {
            try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
                writer.write("chain_name,chain_id,last_seq,last_hash,signed_at,signature\r\n");
                for (ChainCut.Stored cut : cuts) {
                    writer.write(String.join(",", cut.checkpoint().chain(), Integer.toString(cut.checkpoint().chainId()),
                            Long.toString(cut.checkpoint().head().sequence()), cut.checkpoint().head().hash(),
                            cut.checkpoint().signedAt().toString(), field(cut.signature())));
                    writer.write("\r\n");
                }
            }
        });
    }

    /** The SHA-256 of {@code file} in hex, or null when it cannot be read. */
    public static String sha256(Path file) {
        MessageDigest sha = sha256();
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            return null;
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private interface Content {
        void write(OutputStream out) throws IOException, SQLException;
    }

    private static void write(Path file, Content content) throws SQLException {
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                content.write(out);
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String field(String value) {
        if (value == null) {
            return "";
        }
        if (value.isEmpty() || value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
