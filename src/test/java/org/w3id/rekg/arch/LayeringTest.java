package org.w3id.rekg.arch;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The house rules: arrows point down only, cli → bench → pipeline → feature packages → store →
 * vocab → core, with no cycle between any two packages, and no main class over 500 lines.
 */
class LayeringTest {
    private static final String BASE = "org.w3id.rekg";
    private static final JavaClasses MAIN =
            new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);

    @Test
    void layersDependOnlyOnTheLayersBelow() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("cli").definedBy(BASE + ".cli..")
                .layer("bench").definedBy(BASE + ".bench..")
                .layer("pipeline").definedBy(BASE + ".pipeline..")
                .layer("features").definedBy(
                        BASE + ".source..", BASE + ".importer..", BASE + ".link..", BASE + ".ownership..",
                        BASE + ".infer..", BASE + ".ingest..", BASE + ".query..", BASE + ".serve..",
                        BASE + ".web..", BASE + ".supply..", BASE + ".remote..")
                .layer("store").definedBy(BASE + ".store..")
                .layer("vocab").definedBy(BASE + ".vocab..")
                .layer("core").definedBy(BASE + ".core..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("bench").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("pipeline").mayOnlyBeAccessedByLayers("cli", "bench")
                .whereLayer("features").mayOnlyBeAccessedByLayers("cli", "bench", "pipeline", "features")
                .whereLayer("store").mayOnlyBeAccessedByLayers("cli", "bench", "pipeline", "features")
                .whereLayer("vocab").mayOnlyBeAccessedByLayers("cli", "bench", "pipeline", "features", "store")
                .check(MAIN);
    }

    @Test
    void noCycleBetweenPackages() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void everyClassIsInAPackageOfTheLayout() {
        List<String> stray = MAIN.stream()
                .map(JavaClass::getPackageName)
                .filter(p -> p.equals(BASE))
                .distinct()
                .collect(Collectors.toList());
        assertEquals(List.of(), stray);
    }
}
