package dev.seedance4j.client;

import static dev.seedance4j.client.AgainstEmulator.small;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.emulator.Emulator;
import dev.seedance4j.emulator.EmulatorExtension;
import dev.seedance4j.emulator.Faults;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Create, get, list (every filter, paging, the lazy iterator) and delete against the emulator. Every task is
 * "stuck" and one runs per model, so the first task of a model stays {@code running} and the rest stay
 * {@code queued}: the statuses are stable and nothing is rendered.
 */
class EndpointsAgainstEmulatorTest {
    private static final String ENDPOINT = "ep-20260514103217-drama";

    @RegisterExtension
    static final EmulatorExtension ARK = new EmulatorExtension(b -> b.timeScale(0)
            .concurrency(1)
            .faults(Faults.builder().stuckRate(1).build())
            .endpoint(ENDPOINT, Model.SEEDANCE_2_0.id()));

    private SeedanceClient client;

    @BeforeEach
    void connect() {
        client = AgainstEmulator.client(ARK.get());
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void createsAndReadsTasks() {
        Instant before = Instant.now().minusSeconds(1);
        String first = client.tasks().create(small(Model.SEEDANCE_2_0, "第一个镜头").build());
        String second = client.tasks().create(small(Model.SEEDANCE_2_0, "第二个镜头").build());

        assertThat(first).matches("cgt-\\d{14}-\\w+").isNotEqualTo(second);
        Task running = client.tasks().get(first);
        Task queued = client.tasks().get(second);
        assertThat(running.status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(queued.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(running.model()).isEqualTo(Model.SEEDANCE_2_0);
        assertThat(running.createdAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(running.serviceTier()).isEqualTo(ServiceTier.DEFAULT);
        assertThat(running.videoUrl()).isNull();
        assertThat(ARK.get().stats().creates()).isEqualTo(2);
    }

    @Test
    void listsByEveryFilter() {
        List<String> pro = createAll(Model.SEEDANCE_2_0, 3); // 1 running, 2 queued
        List<String> fast = createAll(Model.SEEDANCE_2_0_FAST, 2); // 1 running, 1 queued
        String flex = client.tasks()
                .create(CreateTaskRequest.textToVideo(Model.SEEDANCE_1_5_PRO, "省钱的离线任务")
                        .resolution(Resolution.P480)
                        .ratio(Ratio.RATIO_16_9)
                        .duration(AgainstEmulator.SECONDS)
                        .serviceTier(ServiceTier.FLEX)
                        .build()); // running

        assertThat(ids(client.tasks()
                        .list(ListTasksQuery.builder()
                                .status(TaskStatus.RUNNING)
                                .build())))
                .containsExactlyInAnyOrder(pro.get(0), fast.get(0), flex);
        assertThat(ids(client.tasks()
                        .list(ListTasksQuery.builder().status(TaskStatus.QUEUED).build())))
                .containsExactlyInAnyOrder(pro.get(1), pro.get(2), fast.get(1));
        assertThat(ids(client.tasks()
                        .list(ListTasksQuery.builder()
                                .taskIds(List.of(pro.get(2), fast.get(0)))
                                .build())))
                .containsExactlyInAnyOrder(pro.get(2), fast.get(0));
        assertThat(ids(client.tasks()
                        .list(ListTasksQuery.builder()
                                .model(Model.SEEDANCE_2_0_FAST.id())
                                .build())))
                .containsExactlyInAnyOrderElementsOf(fast);
        TaskPage flexPage = client.tasks()
                .list(ListTasksQuery.builder().serviceTier(ServiceTier.FLEX).build());
        assertThat(ids(flexPage)).containsExactly(flex);
        assertThat(flexPage.items().get(0).serviceTier()).isEqualTo(ServiceTier.FLEX);
        assertThat(ids(client.tasks()
                        .list(ListTasksQuery.builder()
                                .status(TaskStatus.QUEUED)
                                .model(Model.SEEDANCE_2_0.id())
                                .build())))
                .containsExactlyInAnyOrder(pro.get(1), pro.get(2));
        assertThat(client.tasks()
                        .list(ListTasksQuery.builder()
                                .status(TaskStatus.SUCCEEDED)
                                .build())
                        .items())
                .isEmpty();
    }

    @Test
    void pagesThroughTasks() {
        List<String> created = createAll(Model.SEEDANCE_2_0, 5);
        created.addAll(createAll(Model.SEEDANCE_2_0_FAST, 2));

        Set<String> seen = new HashSet<>();
        for (int page = 1; page <= 4; page++) {
            TaskPage result = client.tasks()
                    .list(ListTasksQuery.builder().pageNum(page).pageSize(2).build());
            assertThat(result.total()).isEqualTo(7);
            assertThat(result.items()).hasSize(page < 4 ? 2 : 1);
            result.items()
                    .forEach(t -> assertThat(seen.add(t.id()))
                            .as("%s on two pages", t.id())
                            .isTrue());
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(created);
        assertThat(client.tasks()
                        .list(ListTasksQuery.builder().pageNum(5).pageSize(2).build())
                        .items())
                .isEmpty();
    }

    @Test
    void iteratesOverEveryPageLazily() {
        List<String> created = createAll(Model.SEEDANCE_2_0, 7);
        long listsBefore = ARK.get().stats().requests("list");

        List<String> all = new ArrayList<>();
        client.tasks().listAll(ListTasksQuery.builder().pageSize(3).build()).forEach(t -> all.add(t.id()));

        assertThat(all).containsExactlyInAnyOrderElementsOf(created);
        // pages of 3, 3 and 1: the short page ends the walk
        assertThat(ARK.get().stats().requests("list") - listsBefore).isEqualTo(3);
    }

    @Test
    void deleteCancelsAQueuedTaskAndRefusesARunningOne() {
        List<String> ids = createAll(Model.SEEDANCE_2_0, 2);
        String running = ids.get(0);
        String queued = ids.get(1);

        client.tasks().delete(queued);
        assertThat(client.tasks().get(queued).status()).isEqualTo(TaskStatus.CANCELLED);

        assertThatThrownBy(() -> client.tasks().delete(running)).isInstanceOfSatisfying(ConflictException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(409);
            assertThat(e.code()).isEqualTo("OperationDenied.InvalidState");
        });
        assertThat(client.tasks().get(running).status()).isEqualTo(TaskStatus.RUNNING);
        // a cancelled task cannot be deleted either (its record goes after 24 h by itself)
        assertThatThrownBy(() -> client.tasks().delete(queued)).isInstanceOf(ConflictException.class);
        assertThat(ARK.get().stats().requests("delete")).isEqualTo(3);
    }

    @Test
    void anEndpointIdStandsForItsModelAndFiltersTheList() {
        String viaEndpoint = client.tasks()
                .create(small(Model.of(ENDPOINT), "经由推理接入点").build(), CreateOptions.validateAs(Model.SEEDANCE_2_0));
        String direct = client.tasks().create(small(Model.SEEDANCE_2_0, "直接用模型").build());

        assertThat(ids(client.tasks()
                        .list(ListTasksQuery.builder().model(ENDPOINT).build())))
                .containsExactly(viaEndpoint);
        assertThat(client.tasks().get(direct).status()).isEqualTo(TaskStatus.QUEUED); // one lane per model
        assertThat(ARK.get().stats().createsByModel()).containsEntry(Model.SEEDANCE_2_0.id(), 2L);
    }

    @Test
    void asyncTwinsDoTheSame() {
        String id = client.tasks()
                .createAsync(small(Model.SEEDANCE_2_0, "异步创建").build())
                .join();
        String queued = client.tasks()
                .createAsync(small(Model.SEEDANCE_2_0, "异步排队").build())
                .join();

        assertThat(client.tasks().getAsync(id).join().status()).isEqualTo(TaskStatus.RUNNING);
        assertThat(ids(client.tasks()
                        .listAsync(ListTasksQuery.builder().taskId(queued).build())
                        .join()))
                .containsExactly(queued);
        client.tasks().deleteAsync(queued).join();
        assertThat(client.tasks().get(queued).status()).isEqualTo(TaskStatus.CANCELLED);
        assertThatThrownBy(() -> client.tasks().deleteAsync(id).join()).hasCauseInstanceOf(ConflictException.class);
    }

    @Test
    void deleteRemovesASucceededTask() throws Exception {
        try (Emulator rendering = Emulator.builder().timeScale(0).build().start();
                SeedanceClient renderingClient = AgainstEmulator.client(rendering)) {
            String id = renderingClient
                    .tasks()
                    .create(small(Model.SEEDANCE_2_0, "一朵花慢慢开放").build());
            assertThat(AgainstEmulator.waiter(renderingClient).await(id).status())
                    .isEqualTo(TaskStatus.SUCCEEDED);

            renderingClient.tasks().delete(id);

            assertThatThrownBy(() -> renderingClient.tasks().get(id)).isInstanceOf(NotFoundException.class);
            assertThat(renderingClient.tasks().list(ListTasksQuery.all()).items())
                    .isEmpty();
            assertThatThrownBy(() -> renderingClient.tasks().delete(id)).isInstanceOf(NotFoundException.class);
        }
    }

    private List<String> createAll(Model model, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(client.tasks().create(small(model, "镜头 " + i).build()));
        }
        return ids;
    }

    private static List<String> ids(TaskPage page) {
        return page.items().stream().map(Task::id).toList();
    }
}
