// SPDX-License-Identifier: Apache-2.0
package dev.custos.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The model clinics' privacy policies (the seeds) name real people and companies; none of that may reach
 * the repository. This test holds only SHA-256 hashes of the forbidden phrases, lower-cased, with their
 * words joined by one space: the people's names, the company and clinic names, street addresses, e-mail
 * and web domains, organisation and CVR numbers and phone numbers of both seeds. It scans every text file
 * under the project root (not {@code .git}, {@code target}, class files or binary files), hashing each run
 * of 1 to 4 consecutive words of every line, and fails naming the file and line of each match. A word is a
 * run of letters (including æ, ø, å) and digits; everything else separates words.
 * <p>
 * To add a phrase, hash it outside the repository, for example with
 * {@code printf '%s' 'some name' | sha256sum}, and add only the hash.
 */
class NoSeedNamesTest {

    private static final int LONGEST_PHRASE = 4;

    private static final Set<String> FORBIDDEN = Set.of(
            "5b175fdd8cdfd78c967643ad01f951210364c65642dbf5410f3fb778160585db",
            "2bab3a511df28b8887b2916bdb66f79650a1e2f9506f80264cb7777cbf02af75",
            "cdb982100bace319a5af68c33335fa9e01045195b955efc35e181bcbdbeb6748",
            "20e3466f1d1942fa79241a43ec7d1fcd6770294795209815f34344c24432a3db",
            "4ae2286d4f16fa566a742d63db66887a40ccad888b8bc96d525acc01b2959cef",
            "d989b157f131e9df617f01cdc8d65b6efca8122b2e9811ea8de1fb2bb103f1ad",
            "47fc08ed7ebc45aab03e71d5f02eab05859161a8aaca842d5355163adc56306b",
            "642b989cda9ac588194bbdf972de9b2cef00faf53fcdbccd450d69ad50aa0b3c",
            "828b31c99ca4ab223a1baab0668d87c2ca0898e56ccbd4bc190fbe26c14a6315",
            "bcf3094fb6752bcaca35a2e8627174273f83654ff4e8ae7fbe6e83b8a62cfedb",
            "1f947ec4a8e912c402fabdc1ed0ffd65b3b54b599d6267abc61bbcc18b3009c5",
            "d5a6dc4654840c2be12fe08c6120fb09240d6ff1b6cc08224c5b044c1a89f473",
            "aceea3feef0902bbab40e8832bf7b92c2e058348d53602e7652fc571b3b9d3ff",
            "2f9e3679f009f10a6c299a37594f0ba8d5f015fc090021fb7d0551acfe916990",
            "86b6edf2eb001559b128ba3e41fc0ca7e4b2f2cd4a15da8b2f70244c41551287",
            "2daf90670d8014b79f44f2fbe9493d235bc2a84f140fa4622a43008dc1eed109",
            "53fdc3630bbf39f19ec99249972c71452ae6e7ff06fc8b372200de91d96869a9",
            "4fa82af8c1f183a4c3b16faf1bce3c75a29eefcea5e8a3196940b93b5008e316",
            "3f8953f4c3e2a4c4e9936c18882d798c4990fb9b151d919bad1ae9461290da20",
            "8f5cc5931aa729cf9d2192c3f4126a22718aa49b16ee3541bb060bc0431c2a4c",
            "ad31c759552f0a536cd12139056c3ecbf1585182a47fa2fd36d848578e97715b",
            "f154549ba58fe9f32fa8c271ce8b8e0636bd7c0068127134ac4723d3e18d56e9",
            "6d0449e627e89d6c4946f43616932b01c27b63d9c99279efe41937fc3da7736f",
            "51a2cff68ef42585bc49d78157166ee9a7d068ba7f4cf0a26f015d30fec3edb7",
            "0a7411a215b0fa5b760e96924a18de5945570de92a9a42262d207cef5abeefb9",
            "03a4a2ba7f51b6f8e786c35c67d337573cecefe596c2077bb59afa3400f512ec",
            "44fc09c3bce145d7a60666708a564fc7ac30e16649fd31046d016473b8f2281b",
            "6b4033c84e6cf634d95efff8d7d34488ba7f145f090dd0047b775c0840d3819f",
            "0fc5cd476a6b67be421225bb7a869627db6d1a56b8810874546ac73d0193e932",
            "ca9c11c2265883d66ccb9762f78edace5796ff18ee372a1e1e76df6c81621e96",
            "fc2522d9d621de023d33afe3b932c9001f755623ae2e141c07d279555e9e27d5",
            "5e52df5d0e327e6e84fc198e13f5e584b0ba00cadca1ae6b88c2989b8971d88e",
            "097b2373ba80bfe6f7666bd9536cd389ab43731732de6d82a8b51212ecabfba8",
            "31a3405e2db4e5a35688872487b2b51722d3112c4199e77e71462d15d0e29697",
            "1eb80264976076ca6b4520be24c882f7f4bdd2030ed0e8121ea63f16d7b2089c",
            "eb95c32a04783e72b8841659185c1dc8f526446799a04096f1dfb327f8e11672",
            "3f6d0e22eb8e6e6d94dddb309e6648a90960f8ee98326ea4c6dc09e2d5c23b35",
            "ca01830c443d30c9eaee6f5a2ed0bcfc75defffd41c1a94e5bddecd470547f55",
            "d5eb6fbbf3a5c7345bb208be5ec6c866f1faf18615e35cb79d1422b7c8848ef5",
            "eb683bd7d48d4aa45e17cbee5e1d70469f69b1a81974e4c9543cf5877da2ebcf",
            "cdc0b96255b685f016b979d7d972ce9f40e1e4f6535a00d481a1c3b5c37994dc",
            "8dc1b735cdc57698bc29b3cc686022990a20e8a71f436f9b622a962d766b6ffb",
            "813dd8f7051fceb3df2c9f478b13ce864e4bca78979f9b84942c01ca641b24b8",
            "0e775c002a38d1f933177dfaaf09d85314de002e2bb93fc726c423a6f8824445",
            "206de6064cd71a253a01f140fc066bbf96b073dd0bcc4cfb1a9ed4b709109f5f");

    @Test
    void noFileNamesARealPersonOrCompanyFromTheSeeds() throws IOException {
        Path root = DocFiles.projectRoot();
        List<String> matches = new ArrayList<>();
        List<Path> scanned = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                return !dir.equals(root) && (name.equals(".git") || name.equals("target"))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String name = file.getFileName().toString();
                // in a git worktree, .git is a file that points at the repository
                if (attrs.isRegularFile() && !name.equals(".git") && !name.endsWith(".class")) {
                    String text = text(file);
                    if (text != null) {
                        scanned.add(root.relativize(file));
                        scan(root.relativize(file), text, matches, FORBIDDEN);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        // the scan must have reached the files that matter, or an empty result proves nothing
        assertThat(scanned).as("files scanned under %s", root)
                .contains(Path.of("docs", "src", "test", "java", "dev", "custos", "docs", "NoSeedNamesTest.java"),
                        Path.of("sdk-core", "src", "main", "resources", "META-INF", "custos", "packs", "dk.xml"),
                        Path.of("sdk-core", "src", "main", "resources", "META-INF", "custos", "packs", "no.xml"),
                        Path.of("docs", "policy-reference.md"));
        assertThat(matches).as("lines naming a real person, company, address or number from the seeds;"
                + " replace them with fictional ones").isEmpty();
    }

    @Test
    void phrasesMatchAsWholeWordsAcrossPunctuationAndCase() {
        assertThat(FORBIDDEN).hasSizeGreaterThan(20).allMatch(h -> h.matches("[0-9a-f]{64}"));
        // a made-up phrase, hashed at run time: the test itself needs no forbidden phrase
        Set<String> forbidden = Set.of(sha256("custos test ærø 7"));
        List<String> found = new ArrayList<>();
        scan(Path.of("x.txt"), "fine\nSee Custos-Test, ÆRØ/7!\n", found, forbidden);
        assertThat(found).containsExactly("x.txt:2 (words 2-5)");
        found.clear();
        scan(Path.of("x.txt"), "custostest ærø 7\ncustos test ærø 77", found, forbidden);
        assertThat(found).isEmpty();
        assertThat(words("Å-æ_ø 42.x")).containsExactly("å", "æ", "ø", "42", "x");
    }

    private static void scan(Path file, String text, List<String> matches, Set<String> forbidden) {
        MessageDigest digest = sha256();
        String[] lines = text.split("\\R", -1);
        for (int number = 0; number < lines.length; number++) {
            List<String> words = words(lines[number]);
            for (int start = 0; start < words.size(); start++) {
                StringBuilder phrase = new StringBuilder();
                for (int end = start; end < Math.min(words.size(), start + LONGEST_PHRASE); end++) {
                    if (end > start) {
                        phrase.append(' ');
                    }
                    phrase.append(words.get(end));
                    String hash = HexFormat.of().formatHex(
                            digest.digest(phrase.toString().getBytes(StandardCharsets.UTF_8)));
                    if (forbidden.contains(hash)) {
                        matches.add(file + ":" + (number + 1) + " (words " + (start + 1) + "-" + (end + 1) + ")");
                    }
                }
            }
        }
    }

    /** The line's words, lower-cased: runs of letters and digits. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        line.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c)) {
                word.appendCodePoint(c);
            } else if (word.length() > 0) {
                words.add(word.toString());
                word.setLength(0);
            }
        });
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words;
    }

    /** The file as UTF-8 text, or null for a binary file. */
    private static String text(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        for (byte b : bytes) {
            if (b == 0) {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String sha256(String phrase) {
        return HexFormat.of().formatHex(sha256().digest(phrase.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
