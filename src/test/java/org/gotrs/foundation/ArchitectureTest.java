package org.gotrs.foundation;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The package structure ARCHITECTURE.md describes, checked on the compiled code. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {

  /** The plumbing every feature may use; it knows no feature. */
  private static final String[] PLATFORM = {"org.gotrs.http..", "org.gotrs.db..", "org.gotrs.events..",
      "org.gotrs.config..", "org.gotrs.json.."};

  private JavaClasses classes;

  @BeforeAll
  void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.gotrs");
  }

  @Test
  @DisplayName("no two feature packages depend on each other, however indirectly")
  void noPackageCycles() {
    slices().matching("org.gotrs.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  @DisplayName("the platform packages (http, db, events, config, json) import no feature")
  void platformKnowsNoFeature() {
    noClasses().that().resideInAnyPackage(PLATFORM)
        .should().dependOnClassesThat(resideInAPackage("org.gotrs..").and(not(resideInAnyPackage(PLATFORM)))
            .and(not(resideInAPackage("org.gotrs"))))
        .check(classes);
  }
}
