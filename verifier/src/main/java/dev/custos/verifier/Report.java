// SPDX-License-Identifier: Apache-2.0
package dev.custos.verifier;

import dev.custos.core.Message;
import java.util.List;

/** The verifier's report, as text lines or as one JSON document. Stateless. */
final class Report {

    private Report() {
    }

    static String text(List<ChainResult> results, boolean signaturesChecked) {
        StringBuilder out = new StringBuilder();
        for (ChainResult result : results) {
            if (result.intact()) {
                line(out, VerifierMessages.chainIntact(result.chain(), Long.toString(result.records()),
                        Long.toString(result.head())));
                if (result.droppedUpTo() > 0) {
                    line(out, VerifierMessages.chainDropped(result.chain(), Long.toString(result.droppedUpTo()),
                            result.cutSignedAt().map(Object::toString).orElse("?")));
                }
                if (result.signedUpTo().isPresent()) {
                    line(out, VerifierMessages.chainSigned(result.chain(),
                            Long.toString(result.signedUpTo().getAsLong()), result.signedAt().orElseThrow().toString(),
                            Long.toString(result.unsigned())));
                }
            } else {
                line(out, VerifierMessages.chainBroken(result.chain(),
                        Long.toString(result.firstBroken().getAsLong())));
                line(out, result.problem().orElseThrow());
            }
        }
        if (!signaturesChecked) {
            line(out, VerifierMessages.signaturesNotChecked());
        }
        long broken = results.stream().filter(r -> !r.intact()).count();
        line(out, VerifierMessages.summary(Long.toString(results.size() - broken), Long.toString(broken)));
        return out.toString();
    }

    private static void line(StringBuilder out, Message message) {
        out.append(message).append('\n');
    }

    static String json(List<ChainResult> results, boolean signaturesChecked) {
        StringBuilder out = new StringBuilder("{\"intact\":")
                .append(results.stream().allMatch(ChainResult::intact))
                .append(",\"signaturesChecked\":").append(signaturesChecked).append(",\"chains\":[");
        for (int i = 0; i < results.size(); i++) {
            ChainResult result = results.get(i);
            out.append(i == 0 ? "" : ",").append("{\"chain\":").append(string(result.chain()))
                    .append(",\"intact\":").append(result.intact())
                    .append(",\"records\":").append(result.records())
                    .append(",\"head\":").append(result.head());
            if (result.droppedUpTo() > 0) {
                out.append(",\"droppedUpTo\":").append(result.droppedUpTo());
            }
            result.signedUpTo().ifPresent(seq -> out.append(",\"signedUpTo\":").append(seq)
                    .append(",\"signedAt\":").append(string(result.signedAt().orElseThrow().toString()))
                    .append(",\"unsignedRecords\":").append(result.unsigned()));
            result.firstBroken().ifPresent(seq -> out.append(",\"firstBroken\":").append(seq));
            result.problem().ifPresent(problem -> out.append(",\"problem\":{\"id\":").append(string(problem.code()))
                    .append(",\"text\":").append(string(problem.text())).append('}'));
            out.append('}');
        }
        return out.append("]}\n").toString();
    }

    /** {@code value} as a JSON string. */
    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
