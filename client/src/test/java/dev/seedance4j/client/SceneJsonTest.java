package dev.seedance4j.client;

import static dev.seedance4j.client.ScriptedServer.Reply;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each scene of the seed article goes over the wire exactly as contract §2 shows it. */
class SceneJsonTest extends LoopbackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Model V2 = Model.SEEDANCE_2_0;

    @TempDir
    Path dir;

    @BeforeEach
    void script() {
        server.otherwise(r -> Reply.json(200, "{\"id\":\"cgt-20260514183217-t8rzv\"}"));
    }

    private JsonNode sent(CreateTaskRequest request) throws Exception {
        assertThat(client.tasks().create(request)).isEqualTo("cgt-20260514183217-t8rzv");
        ScriptedServer.Received received = server.last();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/api/v3/contents/generations/tasks");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(received.header("X-Request-Model")).isEqualTo(request.model().id());
        return JSON.readTree(received.body());
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void textToVideo() throws Exception {
        JsonNode body = sent(CreateTaskRequest.textToVideo(V2, "小猫对着镜头打哈欠")
                .ratio(Ratio.RATIO_16_9)
                .resolution(Resolution.P720)
                .duration(5)
                .generateAudio(true)
                .watermark(false)
                .build());
        assertThat(body)
                .isEqualTo(json("{'model':'doubao-seedance-2-0-260128','content':[{'type':'text',"
                        + "'text':'小猫对着镜头打哈欠'}],'ratio':'16:9','resolution':'720p','duration':5,'generate_audio':true,"
                        + "'watermark':false}"));
    }

    @Test
    void firstFrameFromALocalFileBecomesADataUrl() throws Exception {
        Path png = Fixtures.image(dir, "girl.png", "png", 640, 360);
        String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(png));
        JsonNode body =
                sent(CreateTaskRequest.firstFrame(V2, "女孩抬头微笑", Media.file(png)).build());
        assertThat(body)
                .isEqualTo(json("{'model':'doubao-seedance-2-0-260128','content':["
                        + "{'type':'text','text':'女孩抬头微笑'},"
                        + "{'type':'image_url','image_url':{'url':'data:image/png;base64," + b64
                        + "'},'role':'first_frame'}]}"));
    }

    @Test
    void firstAndLastFrame() throws Exception {
        JsonNode body = sent(CreateTaskRequest.firstAndLastFrame(
                        V2,
                        "门缓缓打开",
                        Media.url("https://cdn.example.com/door.png"),
                        Media.url("https://cdn.example.com/open.png"))
                .build());
        assertThat(body)
                .isEqualTo(
                        json(
                                "{'model':'doubao-seedance-2-0-260128','content':["
                                        + "{'type':'text','text':'门缓缓打开'},"
                                        + "{'type':'image_url','image_url':{'url':'https://cdn.example.com/door.png'},'role':'first_frame'},"
                                        + "{'type':'image_url','image_url':{'url':'https://cdn.example.com/open.png'},'role':'last_frame'}]}"));
    }

    @Test
    void referenceImagesWithPositionalMentionsAndAnAsset() throws Exception {
        JsonNode body = sent(CreateTaskRequest.referenceImages(
                        V2,
                        "[图1]戴着眼镜穿着蓝色T恤的男生和[图2]的柯基小狗，坐在[图3]的草坪上",
                        Media.asset("asset-20260810164850-mqxvm"),
                        Media.url("https://cdn.example.com/corgi.jpg"),
                        Media.url("https://cdn.example.com/lawn.jpg"))
                .ratio(Ratio.RATIO_9_16)
                .build());
        assertThat(body)
                .isEqualTo(json("{'model':'doubao-seedance-2-0-260128','content':["
                        + "{'type':'text','text':'[图1]戴着眼镜穿着蓝色T恤的男生和[图2]的柯基小狗，坐在[图3]的草坪上'},"
                        + "{'type':'image_url','image_url':{'url':'asset://asset-20260810164850-mqxvm'},'role':'reference_image'},"
                        + "{'type':'image_url','image_url':{'url':'https://cdn.example.com/corgi.jpg'},'role':'reference_image'},"
                        + "{'type':'image_url','image_url':{'url':'https://cdn.example.com/lawn.jpg'},'role':'reference_image'}],"
                        + "'ratio':'9:16'}"));
    }

    @Test
    void editVideo() throws Exception {
        JsonNode body = sent(CreateTaskRequest.editVideo(
                        V2,
                        "把视频1里的咖啡杯换成白色瓷杯，运镜不变",
                        Media.url("https://cdn.example.com/cafe.mp4").withDuration(Duration.ofSeconds(5)))
                .build());
        assertThat(body)
                .isEqualTo(
                        json(
                                "{'model':'doubao-seedance-2-0-260128','content':["
                                        + "{'type':'text','text':'把视频1里的咖啡杯换成白色瓷杯，运镜不变'},"
                                        + "{'type':'video_url','video_url':{'url':'https://cdn.example.com/cafe.mp4'},'role':'reference_video'}]}"));
    }

    @Test
    void extendAndJoinThreeVideos() throws Exception {
        JsonNode body = sent(CreateTaskRequest.extendVideos(
                        V2,
                        "视频1的门打开后接视频2，最后接视频3",
                        Media.url("https://cdn.example.com/a.mp4"),
                        Media.url("https://cdn.example.com/b.mp4"),
                        Media.asset("asset-20260810164850-abcde"))
                .duration(10)
                .build());
        assertThat(body)
                .isEqualTo(json("{'model':'doubao-seedance-2-0-260128','content':["
                        + "{'type':'text','text':'视频1的门打开后接视频2，最后接视频3'},"
                        + "{'type':'video_url','video_url':{'url':'https://cdn.example.com/a.mp4'},'role':'reference_video'},"
                        + "{'type':'video_url','video_url':{'url':'https://cdn.example.com/b.mp4'},'role':'reference_video'},"
                        + "{'type':'video_url','video_url':{'url':'asset://asset-20260810164850-abcde'},'role':'reference_video'}],"
                        + "'duration':10}"));
    }

    @Test
    void referenceAudioFromALocalWav() throws Exception {
        Path wav = Fixtures.wav(dir, "song.wav", 3);
        String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(wav));
        Media song = Media.file(wav);
        assertThat(song.duration()).isEqualTo(Duration.ofSeconds(3));
        JsonNode body = sent(CreateTaskRequest.referenceAudio(
                        V2, "[图1]的女孩随着音频1的节奏跳舞", List.of(Media.url("https://cdn.example.com/girl.png")), List.of(song))
                .build());
        assertThat(body)
                .isEqualTo(json("{'model':'doubao-seedance-2-0-260128','content':["
                        + "{'type':'text','text':'[图1]的女孩随着音频1的节奏跳舞'},"
                        + "{'type':'image_url','image_url':{'url':'https://cdn.example.com/girl.png'},'role':'reference_image'},"
                        + "{'type':'audio_url','audio_url':{'url':'data:audio/wav;base64," + b64
                        + "'},'role':'reference_audio'}]}"));
    }

    @Test
    void draftTaskOfOnePointFivePro() throws Exception {
        JsonNode body = sent(CreateTaskRequest.fromDraft(Model.SEEDANCE_1_5_PRO, "cgt-20260514180000-abcde")
                .resolution(Resolution.P720)
                .build());
        assertThat(body)
                .isEqualTo(
                        json(
                                "{'model':'doubao-seedance-1-5-pro-251215','content':["
                                        + "{'type':'draft_task','draft_task':{'id':'cgt-20260514180000-abcde'}}],'resolution':'720p'}"));
    }

    @Test
    void everyTopLevelParameterHasItsWireName() throws Exception {
        CreateTaskRequest request = CreateTaskRequest.textToVideo(V2, "p")
                .callbackUrl("https://hooks.example.com/ark")
                .returnLastFrame(true)
                .serviceTier(ServiceTier.DEFAULT)
                .executionExpiresAfter(Duration.ofHours(2))
                .generateAudio(false)
                .tools(Tool.WEB_SEARCH)
                .safetyIdentifier("u-5f2a")
                .priority(3)
                .resolution(Resolution.P1080)
                .ratio(Ratio.ADAPTIVE)
                .duration(-1)
                .seed(4294967295L)
                .watermark(true)
                .build();
        JsonNode body = sent(request);
        assertThat(body)
                .isEqualTo(json("{'model':'doubao-seedance-2-0-260128','content':[{'type':'text','text':'p'}],"
                        + "'callback_url':'https://hooks.example.com/ark','return_last_frame':true,'service_tier':'default',"
                        + "'execution_expires_after':7200,'generate_audio':false,'tools':[{'type':'web_search'}],"
                        + "'safety_identifier':'u-5f2a','priority':3,'resolution':'1080p','ratio':'adaptive','duration':-1,"
                        + "'seed':4294967295,'watermark':true}"));
    }

    @Test
    void onePointZeroParametersAndRoleLessFirstFrame() throws Exception {
        CreateTaskRequest request = CreateTaskRequest.builder(Model.SEEDANCE_1_0_PRO)
                .text("海浪")
                .add(new ContentItem.Image(Media.url("https://cdn.example.com/sea.png"), null))
                .frames(121)
                .cameraFixed(true)
                .serviceTier(ServiceTier.FLEX)
                .seed(11)
                .build();
        JsonNode body = sent(request);
        assertThat(body)
                .isEqualTo(json("{'model':'doubao-seedance-1-0-pro-250528','content':["
                        + "{'type':'text','text':'海浪'},{'type':'image_url','image_url':{'url':'https://cdn.example.com/sea.png'}}],"
                        + "'service_tier':'flex','frames':121,'seed':11,'camera_fixed':true}"));
    }

    @Test
    void seedance25LipSyncToSuppliedAudioWithItsOwnFields() throws Exception {
        CreateTaskRequest request = CreateTaskRequest.builder(Model.SEEDANCE_2_5)
                .text("她随着音频1唱歌")
                .referenceAudio(Media.url("https://cdn.example.com/song.mp3").withDuration(Duration.ofSeconds(20)))
                .duration(20)
                .outputFormat("mov")
                .omniReferenceTaskType("reference")
                .build();
        assertThat(sent(request))
                .isEqualTo(json("{'model':'doubao-seedance-2-5-260628','content':[{'type':'text','text':'她随着音频1唱歌'},"
                        + "{'type':'audio_url','audio_url':{'url':'https://cdn.example.com/song.mp3'},"
                        + "'role':'reference_audio'}],'duration':20,'output_format':'mov',"
                        + "'omni_reference_task_type':'reference'}"));
    }
}
