// SPDX-License-Identifier: Apache-2.0
package dev.custos.it;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/** The jars a test WAR bundles into WEB-INF/lib: sdk-jpa's runtime class path, as the build resolved it. */
public final class WarLibraries {

    /** Set by failsafe from maven-dependency-plugin:build-classpath (see pom.xml). */
    public static final String PROPERTY = "custos.it.libs";

    private WarLibraries() {
    }

    public static File[] sdkJpaRuntime() {
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

    /**
     * SPIKE: the same jars as archives, with sdk-jpa's migration folders marked by an empty
     * {@code flyway.location} file. On a class loader whose class name starts with "com.ibm" (Liberty's), Flyway
     * finds a classpath location only through that marker file in it.
     */
    public static List<Archive<?>> sdkJpaRuntimeWithFlywayMarkers() {
        return Arrays.stream(sdkJpaRuntime()).<Archive<?>>map(jar -> {
            JavaArchive archive = ShrinkWrap.createFromZipFile(JavaArchive.class, jar);
            if (jar.getName().startsWith("sdk-jpa-")) {
                archive.addAsResource(EmptyAsset.INSTANCE, "db/custos/derby/flyway.location")
                        .addAsResource(EmptyAsset.INSTANCE, "db/custos/postgresql/flyway.location");
            }
            return archive;
        }).toList();
    }
}
