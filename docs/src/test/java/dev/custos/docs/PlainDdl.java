// SPDX-License-Identifier: Apache-2.0
package dev.custos.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The plain DDL for DBAs: sdk-jpa's Flyway migrations of one database, concatenated in version order. */
final class PlainDdl {

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__(.+)\\.sql");

    private PlainDdl() {
    }

    static String of(String vendor, String product) throws IOException {
        Path folder = DocFiles.projectRoot().resolve("sdk-jpa/src/main/resources/db/custos").resolve(vendor);
        List<Path> scripts;
        try (Stream<Path> files = Files.list(folder)) {
            scripts = new ArrayList<>(files.filter(p -> VERSIONED.matcher(p.getFileName().toString()).matches())
                    .toList());
        }
        scripts.sort(Comparator.comparingInt(PlainDdl::version));
        StringBuilder sql = new StringBuilder();
        sql.append("-- Custos schema for ").append(product).append(", version ").append(version(scripts.get(
                scripts.size() - 1))).append(", as plain DDL.\n")
                .append("-- Generated from sdk-jpa/src/main/resources/db/custos/").append(vendor)
                .append("/ by the docs module; do not edit by hand.\n")
                .append("--\n")
                .append("-- For DBAs who apply schema by hand. Applications that call CustosSchema.migrate need none\n")
                .append("-- of this: Flyway applies the same scripts and records them in custos_schema_history.\n")
                .append("-- If you apply this file by hand, do not also let CustosSchema.migrate run on the database.\n")
                .append("-- Every date-time column holds UTC.\n");
        for (Path script : scripts) {
            sql.append("\n-- ===== ").append(script.getFileName()).append(" =====\n\n")
                    .append(Files.readString(script, StandardCharsets.UTF_8).stripTrailing()).append('\n');
        }
        return sql.toString();
    }

    private static int version(Path script) {
        Matcher m = VERSIONED.matcher(script.getFileName().toString());
        if (!m.matches()) {
            throw new IllegalArgumentException(script.toString());
        }
        return Integer.parseInt(m.group(1));
    }
}
