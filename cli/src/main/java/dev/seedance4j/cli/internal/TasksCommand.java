package dev.seedance4j.cli.internal;

import dev.seedance4j.client.ListTasksQuery;
import dev.seedance4j.client.ServiceTier;
import dev.seedance4j.client.Task;
import dev.seedance4j.client.TaskPage;
import dev.seedance4j.client.TaskStatus;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code seedance tasks list|get|cancel}: the account's tasks, straight from the service. */
@Command(
        name = "tasks",
        mixinStandardHelpOptions = true,
        description = "List, show or cancel the account's tasks.",
        subcommands = {TasksCommand.ListTasks.class, TasksCommand.GetTask.class, TasksCommand.CancelTask.class})
public final class TasksCommand {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List tasks of the last 7 days.")
    static final class ListTasks implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Option(names = "--status", description = "queued, running, succeeded, failed, cancelled")
        String status;

        @Option(names = "--model", description = "endpoint or model id")
        String model;

        @Option(names = "--tier", description = "default or flex")
        String tier;

        @Option(names = "--id", paramLabel = "TASK_ID", description = "only these tasks (repeatable)")
        List<String> ids;

        @Option(names = "--page", defaultValue = "1")
        int page;

        @Option(names = "--page-size", defaultValue = "20")
        int pageSize;

        @Option(names = "--all", description = "every page, not just one")
        boolean all;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        public Integer call() {
            ListTasksQuery.Builder q = ListTasksQuery.builder().pageNum(page).pageSize(pageSize);
            if (status != null) q.status(TaskStatus.of(status));
            if (model != null) q.model(model);
            if (tier != null) q.serviceTier(ServiceTier.of(tier));
            if (ids != null) q.taskIds(ids);
            try (Backend backend = Backend.open(connection, RootContext.environment(spec))) {
                List<Task> tasks = new ArrayList<>();
                long total;
                if (all) {
                    backend.client().tasks().listAll(q.build()).forEach(tasks::add);
                    total = tasks.size();
                } else {
                    TaskPage result = backend.client().tasks().list(q.build());
                    tasks.addAll(result.items());
                    total = result.total();
                }
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(Json.pretty(Map.of(
                            "total",
                            total,
                            "items",
                            tasks.stream().map(Json::task).toList())));
                } else {
                    out.printf("%-26s %-10s %-34s %-19s %s%n", "ID", "STATUS", "MODEL", "CREATED", "TOKENS");
                    for (Task t : tasks) {
                        out.printf(
                                "%-26s %-10s %-34s %-19s %s%n",
                                t.id(),
                                t.status(),
                                t.model(),
                                t.createdAt() == null ? "" : TIME.format(t.createdAt()),
                                t.usage() == null ? "" : t.usage().completionTokens());
                    }
                    out.println(tasks.size() + " of " + total + " task(s)");
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show one task.")
    static final class GetTask implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "TASK_ID")
        String id;

        @Option(names = "--json", description = "print JSON")
        boolean json;

        @Override
        public Integer call() {
            try (Backend backend = Backend.open(connection, RootContext.environment(spec))) {
                Task t = backend.client().tasks().get(id);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    out.println(Json.pretty(Json.task(t)));
                } else {
                    Json.task(t).forEach((k, v) -> out.printf("%-16s %s%n", k, v));
                }
                return ExitCodes.OK;
            }
        }
    }

    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description = "Cancel a queued task, or delete the record of a finished one.")
    static final class CancelTask implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ConnectionOptions connection;

        @Parameters(paramLabel = "TASK_ID")
        String id;

        @Override
        public Integer call() {
            try (Backend backend = Backend.open(connection, RootContext.environment(spec))) {
                backend.client().tasks().delete(id);
                spec.commandLine().getOut().println("cancelled or deleted " + id);
                return ExitCodes.OK;
            }
        }
    }
}
