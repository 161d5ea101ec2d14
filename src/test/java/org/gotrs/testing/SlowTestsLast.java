package org.gotrs.testing;

import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;

/**
 * Runs the quick tests first, so that a broken build says so within minutes: then the browser tests, then the
 * drills, each group in name order. Set as the default class order in the build.
 */
public final class SlowTestsLast implements ClassOrderer {

  /** The slow kinds, in the order they run, after every class without one of these tags. */
  private static final List<String> SLOW = List.of("browser", "drills");

  @Override
  public void orderClasses(ClassOrdererContext context) {
    context.getClassDescriptors().sort(Comparator.comparingInt(SlowTestsLast::rank)
        .thenComparing(descriptor -> descriptor.getTestClass().getName()));
  }

  private static int rank(ClassDescriptor descriptor) {
    return descriptor.findRepeatableAnnotations(Tag.class).stream()
        .mapToInt(tag -> SLOW.indexOf(tag.value()) + 1)
        .max().orElse(0);
  }
}
