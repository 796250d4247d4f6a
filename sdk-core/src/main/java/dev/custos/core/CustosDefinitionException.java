// SPDX-License-Identifier: Apache-2.0
package dev.custos.core;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Reports every problem found while validating a definition (an annotated model, a policy pack) at
 * once, instead of stopping at the first, so that one deployment attempt shows everything to fix.
 * {@link #detail()} summarises; {@link #problems()} lists each problem with its own id.
 */
public class CustosDefinitionException extends CustosException {

    private static final long serialVersionUID = 1L;

    private final List<Message> problems;

    public CustosDefinitionException(Message summary, List<Message> problems) {
        super(withProblems(summary, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a definition exception needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in the order found; never empty. */
    public List<Message> problems() {
        return problems;
    }

    /** Whether one of the problems has the given id (for example {@code "CUSTOS-01101"}). */
    public boolean hasProblem(String messageId) {
        return problems.stream().anyMatch(p -> p.code().equals(messageId));
    }

    private static Message withProblems(Message summary, List<Message> problems) {
        String list = problems.stream().map(p -> "\n  " + p).collect(Collectors.joining());
        return new Message(summary.id(), summary.text() + list);
    }
}
