package dev.seedance4j.cli.internal;

import picocli.CommandLine.Mixin;

/**
 * The flags of a command that sends work to the service: the account's limits ({@link EngineOptions}), the budget
 * ({@link BudgetOption}) and how the service is reached ({@link ConnectionOptions}).
 */
public final class ServiceOptions {

    // already set, so that a command that fills them itself (demo) has them; picocli keeps a set mixin
    @Mixin
    EngineOptions engine = new EngineOptions();

    @Mixin
    BudgetOption budget = new BudgetOption();

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();
}
