// SPDX-License-Identifier: Apache-2.0
package dev.custos.jpa.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * How ANONYMIZE and PSEUDONYMIZE write text that satisfies its column's rules ({@link ColumnRules}): a prefix,
 * a token and a suffix, such as {@code anon-3f9c0a7d52e1b846} or {@code anon-3f9c0a7d52e1b846@erased.invalid}
 * for {@code @Email} (the {@code .invalid} top-level domain is reserved and never delivers). The token is drawn
 * from a digest (of the row's id, or of the keyed pseudonym), in the alphabet and length that the rules allow;
 * {@link #derive} finds them by trying candidates against the rules with several sample digests, so that a
 * choice made at deployment holds for every row. Immutable.
 *
 * @param prefix      the text before the token
 * @param alphabet    the token's characters
 * @param tokenLength the token's length; 0 for a fixed text
 * @param suffix      the text after the token
 */
record ReplacementText(String prefix, String alphabet, int tokenLength, String suffix) {

    /** The placeholder of {@code @PersonalData(replacement)} that stands for the token. */
    static final String TOKEN = "{token}";

    /** The fewest bits a token of a unique column carries: distinct per row, short of a birthday collision. */
    private static final int UNIQUE_BITS = 48;

    private static final List<String> ALPHABETS = List.of("0123456789abcdef", "0123456789",
            "abcdefghijklmnopqrstuvwxyz", "0123456789ABCDEF", "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    private static final Pattern EMAIL_SHAPE =
            Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final int SAMPLES = 16;
    private static final int MAX_TOKEN = 48;

    /** The text for {@code digest} (32 bytes of SHA-256). */
    String apply(byte[] digest) {
        if (tokenLength == 0) {
            return prefix + suffix;
        }
        BigInteger rest = new BigInteger(1, digest);
        BigInteger base = BigInteger.valueOf(alphabet.length());
        StringBuilder token = new StringBuilder(tokenLength);
        for (int i = 0; i < tokenLength; i++) {
            BigInteger[] qr = rest.divideAndRemainder(base);
            token.append(alphabet.charAt(qr[1].intValue()));
            rest = qr[0];
        }
        return prefix + token + suffix;
    }

    /**
     * The first candidate whose text satisfies {@code rules} for every sample digest (and, for a unique column,
     * carries enough distinct tokens); empty when none does. With a {@code replacement} template, only it.
     */
    static Optional<ReplacementText> derive(ColumnRules rules) {
        boolean unique = rules.unique().isPresent();
        String template = rules.replacement();
        if (!template.isEmpty() && !template.contains(TOKEN)) {
            // a fixed text: the same in every row, so never on a unique column
            ReplacementText fixed = new ReplacementText(template, "", 0, "");
            return !unique && fixed.fits(rules) ? Optional.of(fixed) : Optional.empty();
        }
        for (String[] frame : frames(rules)) {
            for (String alphabet : ALPHABETS) {
                for (int length : lengths()) {
                    ReplacementText candidate = new ReplacementText(frame[0], alphabet, length, frame[1]);
                    if (unique && candidate.bits() < UNIQUE_BITS) {
                        continue;
                    }
                    if (candidate.fits(rules)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** SHA-256 of {@code text}'s UTF-8 bytes. */
    static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** Whether {@code text} satisfies {@code rules}: length, e-mail shape and every pattern. */
    static boolean satisfies(String text, ColumnRules rules) {
        if (text.length() < rules.minLength() || text.length() > rules.maxLength()) {
            return false;
        }
        if (rules.email() && !EMAIL_SHAPE.matcher(text).matches()) {
            return false;
        }
        return rules.patterns().stream().allMatch(p -> p.matcher(text).matches());
    }

    private boolean fits(ColumnRules rules) {
        for (byte[] sample : Samples.DIGESTS) {
            if (!satisfies(apply(sample), rules)) {
                return false;
            }
        }
        return true;
    }

    /** The sample digests every candidate is tried with, made once: every text attribute is checked at start. */
    private static final class Samples {
        static final List<byte[]> DIGESTS = IntStream.range(0, SAMPLES)
                .mapToObj(i -> digest("sample-" + i)).toList();
    }

    private double bits() {
        return tokenLength * (Math.log(alphabet.length()) / Math.log(2));
    }

    /** Prefix and suffix pairs, most readable first. */
    private static List<String[]> frames(ColumnRules rules) {
        if (!rules.replacement().isEmpty()) {
            int at = rules.replacement().indexOf(TOKEN);
            return List.<String[]>of(new String[] {rules.replacement().substring(0, at),
                    rules.replacement().substring(at + TOKEN.length())});
        }
        if (rules.email()) {
            return List.of(new String[] {"anon-", "@erased.invalid"}, new String[] {"", "@erased.invalid"},
                    new String[] {"a", "@x.invalid"});
        }
        return List.of(new String[] {"anon-", ""}, new String[] {"anon", ""}, new String[] {"ANON-", ""},
                new String[] {"", ""}, new String[] {"a", ""}, new String[] {"A", ""});
    }

    /** 16 first, then longer (for a minimum length), then shorter (for a short column). */
    private static List<Integer> lengths() {
        List<Integer> lengths = new ArrayList<>();
        for (int l = 16; l <= MAX_TOKEN; l++) {
            lengths.add(l);
        }
        for (int l = 15; l >= 1; l--) {
            lengths.add(l);
        }
        return lengths;
    }
}
