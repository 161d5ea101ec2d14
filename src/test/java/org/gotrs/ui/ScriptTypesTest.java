package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.javascript.jscomp.CheckLevel;
import com.google.javascript.jscomp.CommandLineRunner;
import com.google.javascript.jscomp.CompilationLevel;
import com.google.javascript.jscomp.Compiler;
import com.google.javascript.jscomp.CompilerOptions;
import com.google.javascript.jscomp.DiagnosticGroups;
import com.google.javascript.jscomp.JSError;
import com.google.javascript.jscomp.SourceFile;
import com.google.javascript.jscomp.WarningLevel;
import com.google.javascript.jscomp.deps.ModuleLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The browser code under {@code webroot/} type-checked by the Closure Compiler from its JSDoc, as
 * {@code closure-compiler --checks_only --jscomp_error=checkTypes --module_resolution=BROWSER --js_module_root=webroot
 * --chunk_output_type=ES_MODULES}
 * would: an argument of the wrong type, a misspelt property or a missing argument fails the build, with no Node.
 */
class ScriptTypesTest {

  private static final Path WEBROOT = Path.of("webroot");

  @Test
  @DisplayName("every script under webroot/ type-checks without an error or a warning")
  void webrootTypeChecks() throws IOException {
    List<SourceFile> scripts = scripts();
    assertTrue(scripts.size() > 20, "the scripts under webroot/ were found: " + scripts.size());

    Compiler compiler = new Compiler();
    compiler.compile(CommandLineRunner.getBuiltinExterns(CompilerOptions.Environment.BROWSER), scripts, options());

    List<String> problems = new ArrayList<>();
    compiler.getErrors().forEach(error -> problems.add(describe(error)));
    compiler.getWarnings().forEach(warning -> problems.add(describe(warning)));
    assertEquals("", String.join("\n", problems), problems.size() + " type problem(s) in webroot/");
  }

  private static CompilerOptions options() {
    CompilerOptions options = new CompilerOptions();
    CompilationLevel.SIMPLE_OPTIMIZATIONS.setOptionsForCompilationLevel(options);
    WarningLevel.DEFAULT.setOptionsForWarningLevel(options);
    options.setChecksOnly(true);
    options.setLanguageIn(CompilerOptions.LanguageMode.ECMASCRIPT_2021);
    options.setEnvironment(CompilerOptions.Environment.BROWSER);
    options.setModuleResolutionMode(ModuleLoader.ResolutionMode.BROWSER);
    options.setModuleRoots(List.of(WEBROOT.toString()));
    // the modules stay modules (nothing is bundled), so import.meta.url keeps its meaning
    options.setChunkOutputType(CompilerOptions.ChunkOutputType.ES_MODULES);
    options.setCheckTypes(true);
    options.setWarningLevel(DiagnosticGroups.CHECK_TYPES, CheckLevel.ERROR);
    return options;
  }

  private static List<SourceFile> scripts() throws IOException {
    try (Stream<Path> files = Files.walk(WEBROOT)) {
      return files.filter(file -> file.toString().endsWith(".js")).sorted()
          .map(file -> SourceFile.fromPath(file, StandardCharsets.UTF_8))
          .toList();
    }
  }

  private static String describe(JSError error) {
    return error.getSourceName() + ":" + error.getLineNumber() + ": " + error.getType().key + " " + error.getDescription();
  }
}
