// SPDX-License-Identifier: Apache-2.0
package dev.custos.it;

import java.io.File;
import java.util.Arrays;
import java.util.List;

/** The jars a test WAR bundles into WEB-INF/lib: sdk-cdi's runtime class path, as the build resolved it. */
public final class WarLibraries {

    /** Set by failsafe from maven-dependency-plugin:build-classpath (see pom.xml). */
    public static final String PROPERTY = "custos.it.libs";

    private WarLibraries() {
    }

    public static File[] sdkCdiRuntime() {
        String path = System.getProperty(PROPERTY);
        if (path == null || path.isBlank()) {
            throw new IllegalStateException(PROPERTY + " is not set: run the tests through Maven (failsafe)");
        }
        List<File> jars = Arrays.stream(path.split(File.pathSeparator)).map(File::new).toList();
        for (File jar : jars) {
            if (!jar.isFile()) {
                throw new IllegalStateException(jar + " from " + PROPERTY + " is not a jar file");
            }
        }
        return jars.toArray(File[]::new);
    }
}
