package dev.seedance4j.emulator;

/** Development bridge until the emulator's real renderer is merged: an emulator builder with a colour-clip renderer. */
public final class InterimStudioEmulator {
  private InterimStudioEmulator() {}

  public static Emulator.Builder builder() {
    return Emulator.builder().renderer(new InterimTestRenderer());
  }
}
