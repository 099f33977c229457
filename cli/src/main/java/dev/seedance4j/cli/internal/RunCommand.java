package dev.seedance4j.cli.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code seedance run PROJECT.yaml}: generates every shot that has no clip for its current request, downloads and
 * verifies each as soon as it is ready. Safe to interrupt and run again: nothing is paid twice.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Generate every shot of a project that has no clip yet (resumes after a crash).")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProjectOptions project;

    @Mixin
    ServiceOptions service;

    @Mixin
    OutputOptions output;

    @Mixin
    AssemblyOptions assembly;

    @Mixin
    LiveBoardOption live;

    @Override
    public Integer call() {
        live.check();
        return ProjectRun.runAll(spec, project, service, output, assembly, live);
    }
}
