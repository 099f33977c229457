package dev.seedance4j.bench.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seedance4j.client.RequestValidator;
import dev.seedance4j.studio.Project;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's project is the same production for the studio and for the baselines. */
class WorkloadTest {
    @TempDir
    Path dir;

    @Test
    void twentyPercentOfTheShotsStartFromTheShotBefore() throws Exception {
        Workload workload = Workload.of(200);
        assertThat(workload.shots()).hasSize(200);
        assertThat(workload.shots().stream().filter(s -> s.after() != null)).hasSize(40);
        assertThat(workload.criticalPathShots()).isEqualTo(2);

        Project project = Project.load(workload.writeProject(dir));
        assertThat(project.shots()).hasSize(200);
        assertThat(project.shots().get(4).after()).isPresent();
    }

    @Test
    void theBaselinesRequestsAreValidAndAskForALastFrameWhereAShotFollows() throws Exception {
        Workload workload = Workload.of(5);
        assertThat(RequestValidator.validate(workload.request(workload.shots().get(0), null)))
                .isEmpty();
        assertThat(workload.request(workload.shots().get(3), null).returnLastFrame())
                .isTrue();
        assertThat(workload.request(workload.shots().get(2), null).returnLastFrame())
                .isNull();
    }

    @Test
    void theCorpusHasAtLeastThirtyDistinctCases() {
        assertThat(MalformedCorpus.cases())
                .hasSizeGreaterThanOrEqualTo(30)
                .extracting(c -> c.kind() + " " + c.name())
                .doesNotHaveDuplicates();
    }
}
