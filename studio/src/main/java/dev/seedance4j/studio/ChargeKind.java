package dev.seedance4j.studio;

/** What a non-video charge of the ledger paid for, and the unit it is counted in. */
public enum ChargeKind {
    /** An image generation (Seedream), counted in images. */
    IMAGE("image", "images"),
    /** A chat completion, counted in tokens. */
    CHAT("chat", "tokens");

    private final String label;
    private final String unit;

    ChargeKind(String label, String unit) {
        this.label = label;
        this.unit = unit;
    }

    /** {@code image} or {@code chat}, as the ledger and {@code seedance status} show it. */
    public String label() {
        return label;
    }

    /** {@code images} or {@code tokens}. */
    public String unit() {
        return unit;
    }

    static ChargeKind fromLabel(String label) {
        for (ChargeKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new StudioException("unknown charge kind in the state database: " + label);
    }
}
