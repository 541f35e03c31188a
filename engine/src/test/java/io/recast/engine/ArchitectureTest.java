package io.recast.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses ENGINE = new ClassFileImporter().importPackages("io.recast.engine");

    static final ArchRule ENGINE_IS_STORAGE_FREE = noClasses()
            .that().resideInAPackage("io.recast.engine..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "com.datastax..",
                    "org.apache.cassandra..",
                    "co.elastic..",
                    "org.elasticsearch..",
                    "org.eclipse.rdf4j..",
                    "org.apache.pekko..")
            .because("the engine must stay free of drivers, clients and Pekko so that it can be tested and reused"
                    + " without servers: declare a port in io.recast.engine and implement it in an adapters module");

    @Test
    void engineDependsOnNoDriverClientOrPekko() {
        ENGINE_IS_STORAGE_FREE.check(ENGINE);
    }
}
