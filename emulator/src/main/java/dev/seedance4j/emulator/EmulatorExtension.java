package dev.seedance4j.emulator;

import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs an {@link Emulator} for a test class. Two ways to use it:
 *
 * <pre>{@code
 * // 1. Configured, as a field: started once per class (static field) or per test (instance field).
 * @RegisterExtension
 * static EmulatorExtension emulator = new EmulatorExtension(b -> b.timeScale(0).faults(Faults.parse("5xx=0.1")));
 *
 * @Test void creates() { client(emulator.get().baseUrl()) ... }
 *
 * // 2. Defaults, injected as a parameter.
 * @ExtendWith(EmulatorExtension.class)
 * class MyTest { @Test void works(Emulator emulator) { ... } }
 * }</pre>
 *
 * A class-level emulator is {@linkplain Emulator#reset() reset} after every test so tests do not see each
 * other's tasks or counters. Needs {@code junit-jupiter-api} on the class path (an optional dependency).
 */
public final class EmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private final Consumer<Emulator.Builder> configuration;
    private Emulator emulator;
    private boolean perClass;

    /** An extension with the default settings (used by {@code @ExtendWith}). */
    public EmulatorExtension() {
        this(builder -> {});
    }

    /** An extension whose emulator is built with {@code configuration} applied to a fresh builder. */
    public EmulatorExtension(Consumer<Emulator.Builder> configuration) {
        this.configuration = configuration;
    }

    /** The running emulator. */
    public Emulator get() {
        if (emulator == null) throw new IllegalStateException("the emulator runs only while a test runs");
        return emulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        emulator = start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator == null) emulator = start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perClass) emulator.reset();
        else stop();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return get();
    }

    private Emulator start() {
        Emulator.Builder builder = Emulator.builder();
        configuration.accept(builder);
        return builder.build().start();
    }

    private void stop() {
        if (emulator != null) emulator.close();
        emulator = null;
    }
}
