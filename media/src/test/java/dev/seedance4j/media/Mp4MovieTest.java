package dev.seedance4j.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seedance4j.media.internal.FramecrcChecksum;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files made by the bundled ffmpeg, read in Java and compared packet by packet with what ffmpeg reads from them. */
class Mp4MovieTest {

    private static final Duration TIMEOUT = Duration.ofMinutes(1);
    private static final List<String> PICTURE =
            List.of("-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24:duration=2");
    private static Ffmpeg ffmpeg;

    @TempDir
    Path dir;

    @BeforeAll
    static void bundledFfmpeg() {
        ffmpeg = Ffmpeg.bundled();
    }

    @Test
    void h264WithMonoAacMatchesFfmpegsReading() throws IOException {
        Path clip = make(
                "mono.mp4",
                PICTURE,
                sound(48000),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-ac",
                "1");

        Mp4Movie movie = Mp4Movie.read(clip).orElseThrow();

        assertThat(movie.file()).isEqualTo(clip);
        assertThat(movie.tracks())
                .extracting(Mp4Track::type)
                .containsExactly(MediaStream.Type.VIDEO, MediaStream.Type.AUDIO);
        Mp4Track video = movie.firstVideo().orElseThrow();
        assertThat(video.codec()).isEqualTo("h264");
        assertThat(video.sampleEntry()).isEqualTo("avc1");
        assertThat(video.width()).isEqualTo(320);
        assertThat(video.height()).isEqualTo(180);
        assertThat(video.samples().count()).isEqualTo(48);
        assertThat(video.mediaStart())
                .as("no B-frames, so no composition delay")
                .isZero();
        Mp4Track audio = movie.firstAudio().orElseThrow();
        assertThat(audio.trackId()).isEqualTo(2);
        assertThat(audio.codec()).isEqualTo("aac");
        assertThat(audio.sampleEntry()).isEqualTo("mp4a");
        assertThat(audio.timescale()).isEqualTo(48000);
        assertThat(audio.sampleRate()).isEqualTo(48000);
        assertThat(audio.channels()).isEqualTo(1);
        assertThat(audio.mediaStart()).as("the AAC encoder's priming samples").isEqualTo(1024);
        assertThat(audio.delay()).isZero();
        assertThat(audio.samples().totalDuration())
                .as("2 s of sound after the priming")
                .isEqualTo(1024 + 96000);
        assertThat(audio.width()).isZero();
        assertMatchesFfmpeg(movie);
    }

    @Test
    void stereoAacAt44100MatchesFfmpegsReading() throws IOException {
        Path clip = make(
                "stereo.mp4",
                PICTURE,
                sound(44100),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-ac",
                "2");

        Mp4Movie movie = Mp4Movie.read(clip).orElseThrow();

        Mp4Track audio = movie.firstAudio().orElseThrow();
        assertThat(audio.sampleRate()).isEqualTo(44100);
        assertThat(audio.channels()).isEqualTo(2);
        assertThat(audio.mediaStart()).isEqualTo(1024);
        assertMatchesFfmpeg(movie);
    }

    @Test
    void tenBitHevcMatchesFfmpegsReading() throws IOException {
        Path clip = make(
                "hevc.mp4",
                PICTURE,
                List.of(),
                "-c:v",
                "libx265",
                "-x265-params",
                "log-level=error",
                "-pix_fmt",
                "yuv420p10le");

        Mp4Movie movie = Mp4Movie.read(clip).orElseThrow();

        assertThat(movie.tracks()).hasSize(1);
        assertThat(movie.firstAudio()).isEmpty();
        Mp4Track video = movie.firstVideo().orElseThrow();
        assertThat(video.codec()).isEqualTo("hevc");
        assertThat(video.sampleEntry()).isEqualTo("hev1");
        assertThat(video.codecConfig()).hasSizeGreaterThan(23); // hvcC: 23 fixed bytes, then VPS, SPS, PPS, SEI
        assertMatchesFfmpeg(movie);
    }

    @Test
    void bFramesDelayTheVideoByAnEditListAndFfmpegAgrees() throws IOException {
        Path clip = make(
                "bframes.mp4",
                PICTURE,
                sound(48000),
                "-c:v",
                "libx264",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-ac",
                "1");

        Mp4Movie movie = Mp4Movie.read(clip).orElseThrow();

        Mp4Track video = movie.firstVideo().orElseThrow();
        // Two frames of composition delay (the first frame is shown when the third is decoded), 512 ticks each.
        assertThat(video.mediaStart())
                .isEqualTo(2 * video.samples().duration(0))
                .isPositive();
        assertMatchesFfmpeg(movie);
    }

    @Test
    void anEmptyEditBeforeLateSoundIsNotTheMediaStart() throws IOException {
        // Sound starting 0.5 s late: ffmpeg writes an empty edit of 478 ms, then plays the media from time 0, so
        // the encoder's priming samples fill the last 1024 samples of the delay instead of being skipped.
        Path clip = make(
                "late.mp4",
                PICTURE,
                List.of("-itsoffset", "0.5", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=1.5"),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-ac",
                "1");

        Mp4Track audio = Mp4Movie.read(clip).orElseThrow().firstAudio().orElseThrow();

        assertThat(audio.mediaStart()).isZero();
        assertThat(audio.delay()).isEqualTo(478 * 48);
        List<FrameCrc.Packet> packets = FrameCrc.of(ffmpeg, clip).packets(1);
        assertThat(packets).hasSize(audio.samples().count());
        for (int i = 0; i < packets.size(); i++) {
            assertThat(packets.get(i).dts() - audio.samples().decodeTime(i)).isEqualTo(478 * 48);
        }
    }

    @Test
    void aMovWithQuickTimeSoundDescriptionAndNonSquarePixelsMatchesFfmpegsReading() throws IOException {
        Path clip = make(
                "clip.mov",
                PICTURE,
                sound(48000),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-vf",
                "setsar=4/3",
                "-c:a",
                "aac",
                "-ac",
                "1");

        Mp4Movie movie = Mp4Movie.read(clip).orElseThrow();

        Mp4Track video = movie.firstVideo().orElseThrow();
        assertThat(video.sarNum()).isEqualTo(4);
        assertThat(video.sarDen()).isEqualTo(3);
        Mp4Track audio = movie.firstAudio().orElseThrow();
        assertThat(audio.codec()).isEqualTo("aac"); // its esds sits in a QuickTime wave box
        assertThat(audio.codecConfig()).hasSize(5);
        assertMatchesFfmpeg(movie);
    }

    @Test
    void sampleOffsetsAreRightWhenTheMoovComesFirst() throws IOException {
        Path clip = make(
                "faststart.mp4",
                PICTURE,
                sound(48000),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac",
                "-movflags",
                "+faststart");
        Path plain = make(
                "plain.mp4",
                PICTURE,
                sound(48000),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac");

        Mp4Movie moovFirst = Mp4Movie.read(clip).orElseThrow();
        Mp4Movie moovLast = Mp4Movie.read(plain).orElseThrow();

        assertThat(moovFirst.firstVideo().orElseThrow().samples().offset(0))
                .isGreaterThan(moovLast.firstVideo().orElseThrow().samples().offset(0));
        assertMatchesFfmpeg(moovFirst);
    }

    @Test
    void largeAndToTheEndBoxSizesAreFollowed() throws IOException {
        Path clip = make(
                "sizes.mp4",
                PICTURE,
                sound(48000),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac");
        Mp4Movie original = Mp4Movie.read(clip).orElseThrow();
        byte[] bytes = Files.readAllBytes(clip);
        // ffmpeg writes ftyp, an 8-byte free box, mdat, moov. Merging free into a 16-byte mdat header (size 1, then
        // a 64-bit size) keeps every offset; moov, the last box, may then say size 0: "to the end of the file".
        List<Integer> boxes = topLevelBoxes(bytes);
        assertThat(boxes.stream().map(at -> type(bytes, at))).containsExactly("ftyp", "free", "mdat", "moov");
        int free = boxes.get(1);
        int moov = boxes.get(3);
        long mdatSize = ByteBuffer.wrap(bytes, boxes.get(2), 4).getInt();
        ByteBuffer.wrap(bytes, free, 16)
                .putInt(1)
                .put("mdat".getBytes(StandardCharsets.US_ASCII))
                .putLong(8 + mdatSize);
        ByteBuffer.wrap(bytes, moov, 4).putInt(0);
        Path patched = Files.write(dir.resolve("patched.mp4"), bytes);

        Mp4Movie movie = Mp4Movie.read(patched).orElseThrow();

        assertThat(movie.tracks()).isEqualTo(original.tracks());
        assertMatchesFfmpeg(movie);
    }

    @Test
    void aMillionSamplesOfPcmAreReadAndMatchFfmpegsChunks() throws IOException {
        // QuickTime PCM has one sample per audio frame: 21 s at 48 kHz are 1,008,000 samples of 2 bytes.
        Path clip = make(
                "pcm.mov",
                List.of(),
                List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=21"),
                "-c:a",
                "pcm_s16le");

        Mp4Movie movie = Mp4Movie.read(clip).orElseThrow();

        Mp4Track audio = movie.firstAudio().orElseThrow();
        assertThat(audio.codec()).isEqualTo("pcm");
        assertThat(audio.sampleEntry()).isEqualTo("sowt");
        assertThat(audio.sampleRate()).isEqualTo(48000);
        assertThat(audio.channels()).isEqualTo(1);
        assertThat(audio.codecConfig()).isEmpty();
        Mp4Samples samples = audio.samples();
        assertThat(samples.count()).isEqualTo(1_008_000);
        assertThat(samples.totalDuration()).isEqualTo(1_008_000);
        assertThat(samples.decodeTime(999_999)).isEqualTo(999_999);
        // ffmpeg demuxes PCM a chunk at a time; each of its packets must be a run of our samples.
        FrameCrc crc = FrameCrc.of(ffmpeg, clip);
        assertThat(crc.header(0, "codec_id")).isEqualTo("pcm_s16le");
        assertThat(crc.header(0, "sample_rate")).isEqualTo("48000");
        int first = 0;
        for (FrameCrc.Packet packet : crc.packets(0)) {
            int last = first + packet.size() / 2 - 1;
            assertThat(samples.offset(last)).isEqualTo(samples.offset(first) + 2L * (last - first));
            assertThat(FramecrcChecksum.adler32(read(clip, samples.offset(first), packet.size())))
                    .isEqualTo(packet.adler32());
            first = last + 1;
        }
        assertThat(first).isEqualTo(samples.count());
    }

    @Test
    void filesThatAreNoUsableMp4AreRefusedSoThatFfmpegCanExplainThem() throws IOException {
        Path wav = make("tone.wav", List.of(), sound(48000));
        Path mkv = make(
                "clip.mkv",
                PICTURE,
                sound(48000),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "aac",
                "-f",
                "matroska");
        Path fragmented = make(
                "fragmented.mp4",
                PICTURE,
                sound(48000),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "aac",
                "-movflags",
                "frag_keyframe+empty_moov");
        Path moovLast =
                make("whole.mp4", PICTURE, sound(48000), "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac");
        Path moovFirst = make(
                "whole-faststart.mp4",
                PICTURE,
                sound(48000),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "aac",
                "-movflags",
                "+faststart");
        Path empty = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        Path random = Files.write(dir.resolve("random.mp4"), noise);

        assertThat(Mp4Movie.read(moovLast)).isPresent();
        assertThat(Mp4Movie.read(moovFirst)).isPresent();
        for (Path unusable : List.of(wav, mkv, fragmented, firstHalf(moovLast), firstHalf(moovFirst), empty, random)) {
            assertThat(Mp4Movie.read(unusable))
                    .as(unusable.getFileName().toString())
                    .isEmpty();
        }
        assertThatThrownBy(() -> Mp4Movie.read(dir.resolve("missing.mp4"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void corruptedMoovBoxesGiveAMovieOrNothingButNeverAnException() throws IOException {
        Path clip = make(
                "corrupt-me.mp4",
                PICTURE,
                sound(48000),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac");
        byte[] original = Files.readAllBytes(clip);
        int moov = topLevelBoxes(original).get(3);
        Random random = new Random(42);
        Path corrupted = dir.resolve("corrupted.mp4");
        int refused = 0;
        for (int round = 0; round < 300; round++) {
            byte[] bytes = original.clone();
            for (int k = 0; k <= random.nextInt(4); k++) {
                bytes[moov + random.nextInt(bytes.length - moov)] =
                        (byte) (random.nextBoolean() ? random.nextInt(256) : 0xFF);
            }
            Files.write(corrupted, bytes);
            if (Mp4Movie.read(corrupted).isEmpty()) refused++;
        }
        assertThat(refused).as("corruptions found out").isBetween(50, 299);
    }

    @Test
    void tracksCompareByContentAndKeepTheirCodecConfig() throws IOException {
        Path clip = make(
                "twice.mp4",
                PICTURE,
                sound(48000),
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-pix_fmt",
                "yuv420p",
                "-c:a",
                "aac");

        Mp4Movie once = Mp4Movie.read(clip).orElseThrow();
        Mp4Movie again = Mp4Movie.read(clip).orElseThrow();
        Mp4Track audio = once.firstAudio().orElseThrow();
        audio.codecConfig()[0] = 0;

        assertThat(again).isEqualTo(once).hasSameHashCodeAs(once);
        assertThat(audio.codecConfig()[0]).isNotZero();
        assertThat(audio.toString()).contains("codecConfig=5 bytes");
    }

    /**
     * The facts and every packet of the first video and audio track agree with {@code ffmpeg -c copy -f framecrc}:
     * codec, extradata, size, rate, layout, count, and per packet its size, duration, decoding time (shifted by the
     * edit list as ffmpeg shifts it) and the Adler-32 of the bytes at the sample's offset.
     */
    private static void assertMatchesFfmpeg(Mp4Movie movie) throws IOException {
        FrameCrc crc = FrameCrc.of(ffmpeg, movie.file());
        List<Mp4Track> compared = new ArrayList<>();
        int videoStream = crc.stream("video");
        if (videoStream >= 0) {
            Mp4Track video = movie.firstVideo().orElseThrow();
            assertThat(crc.header(videoStream, "dimensions")).isEqualTo(video.width() + "x" + video.height());
            assertThat(crc.header(videoStream, "sar")).isEqualTo(video.sarNum() + "/" + video.sarDen());
            assertTrackMatches(movie.file(), video, crc, videoStream);
            compared.add(video);
        }
        int audioStream = crc.stream("audio");
        if (audioStream >= 0) {
            Mp4Track audio = movie.firstAudio().orElseThrow();
            assertThat(crc.header(audioStream, "sample_rate")).isEqualTo(Integer.toString(audio.sampleRate()));
            assertThat(crc.header(audioStream, "channel_layout_name"))
                    .isEqualTo(
                            switch (audio.channels()) {
                                case 1 -> "mono";
                                case 2 -> "stereo";
                                default -> audio.channels() + " channels";
                            });
            assertTrackMatches(movie.file(), audio, crc, audioStream);
            compared.add(audio);
        }
        assertThat(compared).as("tracks ffmpeg copied").isNotEmpty();
    }

    private static void assertTrackMatches(Path file, Mp4Track track, FrameCrc crc, int stream) throws IOException {
        assertThat(crc.header(stream, "codec_id")).isEqualTo(track.codec());
        assertThat(crc.header(stream, "tb")).isEqualTo("1/" + track.timescale());
        assertThat(crc.header(stream, "extradata")).isEqualTo(track.codecConfigFingerprint());
        List<Facts> ffmpegs = crc.packets(stream).stream()
                .map(p -> new Facts(p.size(), p.duration(), p.dts(), p.adler32()))
                .toList();
        Mp4Samples samples = track.samples();
        List<Facts> ours = new ArrayList<>();
        for (int i = 0; i < samples.count(); i++) {
            ours.add(new Facts(
                    samples.size(i),
                    samples.duration(i),
                    samples.decodeTime(i) - track.mediaStart(),
                    FramecrcChecksum.adler32(read(file, samples.offset(i), samples.size(i)))));
        }
        assertThat(ours).as("every %s packet", track.codec()).isEqualTo(ffmpegs);
    }

    private record Facts(int size, long duration, long dts, long adler32) {}

    private Path make(String name, List<String> picture, List<String> sound, String... codecs) {
        Path output = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-y"));
        args.addAll(picture);
        args.addAll(sound);
        args.addAll(Arrays.asList(codecs));
        args.add(output.toString());
        ffmpeg.run(args, TIMEOUT);
        return output;
    }

    private static List<String> sound(int sampleRate) {
        return List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + sampleRate + ":duration=2");
    }

    private Path firstHalf(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return Files.write(dir.resolve("half-" + file.getFileName()), Arrays.copyOf(bytes, bytes.length / 2));
    }

    private static byte[] read(Path file, long offset, int length) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            ByteBuffer bytes = ByteBuffer.allocate(length);
            channel.read(bytes, offset);
            return bytes.array();
        }
    }

    /** Where each top-level box starts (sizes of 32 bits, as ffmpeg writes them for small files). */
    private static List<Integer> topLevelBoxes(byte[] bytes) {
        List<Integer> starts = new ArrayList<>();
        for (int at = 0; at < bytes.length; at += ByteBuffer.wrap(bytes, at, 4).getInt()) starts.add(at);
        return starts;
    }

    private static String type(byte[] bytes, int boxStart) {
        return new String(bytes, boxStart + 4, 4, StandardCharsets.US_ASCII);
    }
}
