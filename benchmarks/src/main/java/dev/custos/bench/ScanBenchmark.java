// SPDX-License-Identifier: Apache-2.0
package dev.custos.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Benchmark 4, the deployment scan: 500 generated annotated entity classes (four shapes in turn: a client with
 * a name and a consent-based e-mail, a health journal under the pack's rule, a questionnaire on explicit consent,
 * a customer under a contract rule; each with a few unannotated columns), compiled once into a temporary folder.
 * Deployment happens once per JVM, so every measurement is the first in a new JVM ({@link ScanOnce}, one fork
 * each): sdk-core's {@code ModelReader} over the 500 loaded classes ({@code scan_500_ms}), and the JPA metamodel
 * discovery that {@code CustosJpa.start} runs on a factory of the 500 entities, per provider
 * ({@code scan_500_jpa_ms_<provider>}; the provider's own boot is reported beside it, not counted).
 * <p>
 * Goal: under 200 ms.
 */
final class ScanBenchmark {

    static final int ENTITIES = 500;
    static final String PACKAGE = "dev.custos.bench.generated";

    private ScanBenchmark() {
    }

    static void run(Options options) throws Exception {
        int forks = options.reps(5, 3);
        Path dir = Files.createTempDirectory("custos-scan-");
        try {
            Path classes = generate(dir);
            List<String> modes = new ArrayList<>(List.of("reader"));
            // Hibernate boots 500 entities in about 10 s, too long for the quick smoke test
            options.providers().stream().filter(p -> !options.quick() || !p.equals(BenchUnits.HIBERNATE))
                    .forEach(modes::add);
            for (String mode : modes) {
                List<Double> cold = new ArrayList<>();
                Map<String, List<Double>> extras = new LinkedHashMap<>();
                int count = mode.equals("reader") ? forks : options.quick() ? 1 : forks;
                for (int i = 0; i < count; i++) {
                    Map<String, Double> figures = fork(mode, classes);
                    cold.add(figures.get("scan_ms"));
                    figures.forEach((key, value) -> {
                        if (!key.equals("scan_ms")) {
                            extras.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                        }
                    });
                }
                Stats stats = new Stats(cold);
                String name = mode.equals("reader") ? "scan_500_ms" : "scan_500_jpa_ms_" + mode;
                StringBuilder detail = new StringBuilder();
                extras.forEach((key, values) -> detail.append("; ").append(key).append(" ")
                        .append(new Stats(values).describe(key.endsWith("_ms") ? " ms" : "")));
                Report.note(name + ": " + stats.describe(" ms") + ", each the first in a new JVM" + detail);
                Report.result(name, stats.median());
                Report.goal(name, stats.median(), 200, true, " ms");
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** Runs {@link ScanOnce} in a new JVM; returns the {@code key=value} figures it prints. */
    private static Map<String, Double> fork(String mode, Path classes) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx1g");
        // for profiling a fork, e.g. -Dcustos.bench.scan.fork-options=-XX:StartFlightRecording=filename=scan.jfr
        String extra = System.getProperty("custos.bench.scan.fork-options", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        String logging = System.getProperty("java.util.logging.config.file");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.add("-cp");
        command.add(classes + File.pathSeparator + System.getProperty("java.class.path"));
        command.add(ScanOnce.class.getName());
        command.add(mode);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Map<String, Double> figures = new LinkedHashMap<>();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.add(line);
                if (line.startsWith("SCAN ")) {
                    for (String pair : line.substring(5).trim().split("\\s+")) {
                        String[] kv = pair.split("=");
                        figures.put(kv[0], Double.parseDouble(kv[1]));
                    }
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || !figures.containsKey("scan_ms")) {
            throw new IllegalStateException("the scan fork (" + mode + ") failed with exit " + exit + ":\n"
                    + String.join("\n", output));
        }
        return figures;
    }

    /** Writes and compiles the 500 entities and a persistence.xml naming them; returns the classes folder. */
    private static Path generate(Path dir) throws IOException {
        Path sources = dir.resolve("src").resolve(PACKAGE.replace('.', File.separatorChar));
        Path classes = dir.resolve("classes");
        Files.createDirectories(sources);
        Files.createDirectories(classes.resolve("META-INF"));
        List<String> files = new ArrayList<>();
        StringBuilder listed = new StringBuilder();
        for (int i = 0; i < ENTITIES; i++) {
            String name = className(i);
            Path file = sources.resolve(name + ".java");
            Files.writeString(file, source(i, name), StandardCharsets.UTF_8);
            files.add(file.toString());
            listed.append("    <class>").append(PACKAGE).append('.').append(name).append("</class>\n");
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the scan benchmark needs a JDK (javax.tools) to compile its entities");
        }
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp",
                System.getProperty("java.class.path"), "-proc:none", "-nowarn", "--release", "17"));
        args.addAll(files);
        long start = System.nanoTime();
        int result = compiler.run(null, null, null, args.toArray(String[]::new));
        if (result != 0) {
            throw new IllegalStateException("compiling the generated entities failed");
        }
        Report.note(String.format(Locale.ROOT, "scan: %d entity classes generated and compiled in %s s", ENTITIES,
                Stats.format((System.nanoTime() - start) / 1e9)));
        Files.writeString(classes.resolve("META-INF").resolve("persistence.xml"), persistenceXml(listed.toString()),
                StandardCharsets.UTF_8);
        return classes;
    }

    static String className(int i) {
        return String.format(Locale.ROOT, "GenEntity%03d", i);
    }

    private static String source(int i, String name) {
        String head = "package " + PACKAGE + ";\n\n"
                + "import static dev.custos.core.gdpr.DataCategory.*;\n"
                + "import static dev.custos.core.gdpr.LegalBasis.*;\n"
                + "import static dev.custos.core.gdpr.SpecialCategoryCondition.*;\n"
                + "import dev.custos.core.annotation.*;\n"
                + "import jakarta.persistence.*;\n"
                + "import java.time.LocalDate;\n\n"
                + "@Entity\n@Table(name = \"gen_entity_" + i + "\")\n"
                + "public class " + name + " {\n"
                + "    @Id public Long id;\n"
                + "    @DataSubject(category = \"person\") @Column(length = 64) public String subjectId;\n"
                + "    public String status;\n"
                + "    public int revision;\n";
        String body = switch (i % 4) {
            case 0 -> "    @RetentionAnchor(event = \"last-session\") public LocalDate lastSession;\n"
                    + "    @PersonalData(category = IDENTITY, basis = CONTRACT, retention = \"P1Y after last-session\","
                    + " purpose = \"treatment\") public String name;\n"
                    + "    @PersonalData(category = CONTACT, basis = CONSENT, retention = \"policy:newsletter\","
                    + " purpose = \"newsletter\", providedBySubject = true, whenDenied = DeniedAccess.MASK)"
                    + " public String email;\n";
            case 1 -> "    @RetentionAnchor(event = \"last-entry\") public LocalDate lastEntry;\n"
                    + "    @PersonalData(category = HEALTH, basis = LEGAL_OBLIGATION, condition = HEALTH_OR_SOCIAL_CARE,"
                    + " retention = \"policy:journal\", purpose = \"treatment\") public String note;\n"
                    + "    public String title;\n";
            case 2 -> "    @PersonalData(category = HEALTH, basis = CONSENT, condition = EXPLICIT_CONSENT,"
                    + " retention = \"until-consent-withdrawn\", purpose = \"research\", providedBySubject = true)"
                    + " public String answers;\n";
            default -> "    @RetentionAnchor(event = \"last-purchase\") public LocalDate lastPurchase;\n"
                    + "    @PersonalData(category = IDENTITY, basis = CONTRACT, retention = \"policy:consulting-customer\","
                    + " purpose = \"billing\") public String name;\n"
                    + "    @PersonalData(category = CONTACT, basis = CONTRACT, retention = \"policy:consulting-customer\","
                    + " purpose = \"billing\") public String phone;\n";
        };
        return head + body + "}\n";
    }

    private static String persistenceXml(String classes) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<persistence xmlns=\"https://jakarta.ee/xml/ns/persistence\" version=\"3.0\">\n");
        xml.append("  <persistence-unit name=\"scan-eclipselink\" transaction-type=\"RESOURCE_LOCAL\">\n")
                .append("    <provider>org.eclipse.persistence.jpa.PersistenceProvider</provider>\n").append(classes)
                .append("    <exclude-unlisted-classes>true</exclude-unlisted-classes>\n    <properties>\n")
                .append("      <property name=\"eclipselink.weaving\" value=\"false\"/>\n")
                .append("      <property name=\"eclipselink.logging.level\" value=\"WARNING\"/>\n")
                .append("    </properties>\n  </persistence-unit>\n");
        xml.append("  <persistence-unit name=\"scan-hibernate\" transaction-type=\"RESOURCE_LOCAL\">\n")
                .append("    <provider>org.hibernate.jpa.HibernatePersistenceProvider</provider>\n").append(classes)
                .append("    <exclude-unlisted-classes>true</exclude-unlisted-classes>\n    <properties>\n")
                .append("      <property name=\"hibernate.integration.envers.enabled\" value=\"false\"/>\n")
                .append("      <property name=\"hibernate.jdbc.lob.non_contextual_creation\" value=\"true\"/>\n")
                .append("    </properties>\n  </persistence-unit>\n");
        return xml.append("</persistence>\n").toString();
    }
}
