package org.gotrs.drills;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Whether the server's resources stay flat under steady load: the first sample (warm-up) is left out, the rest
 * split into an early and a late half, and the late half's peak may exceed the early half's only by a margin.
 */
final class Trends {

  private static final long MIB = 1024 * 1024;

  private Trends() {}

  /** One line per resource, starting with FLAT or GROWING. */
  static List<String> flatness(List<MetricsSampler.Sample> samples) {
    List<MetricsSampler.Sample> steady = samples.size() > 3 ? samples.subList(1, samples.size()) : samples;
    int half = steady.size() / 2;
    List<MetricsSampler.Sample> early = steady.subList(0, Math.max(1, half));
    List<MetricsSampler.Sample> late = steady.subList(half, steady.size());
    List<String> lines = new ArrayList<>();
    lines.add(judge("heap (MiB)", early, late, MetricsSampler.Sample::heapBytes, peak -> peak + peak / 4 + 32 * MIB, MIB));
    lines.add(judge("threads", early, late, MetricsSampler.Sample::threads, peak -> peak + 8, 1));
    lines.add(judge("open files", early, late, MetricsSampler.Sample::openFiles, peak -> peak + 64, 1));
    lines.add(judge("SQL pool in use", early, late, MetricsSampler.Sample::poolInUse, peak -> Math.max(peak + 4, 16), 1));
    return lines;
  }

  private static String judge(String what, List<MetricsSampler.Sample> early, List<MetricsSampler.Sample> late,
                              ToLongFunction<MetricsSampler.Sample> value, java.util.function.LongUnaryOperator allowed,
                              long unit) {
    long earlyPeak = early.stream().mapToLong(value).max().orElse(0);
    long latePeak = late.stream().mapToLong(value).max().orElse(0);
    long limit = allowed.applyAsLong(earlyPeak);
    return (latePeak <= limit ? "FLAT    " : "GROWING ") + what + ": early peak " + earlyPeak / unit + ", late peak "
        + latePeak / unit + " (allowed " + limit / unit + ")";
  }
}
