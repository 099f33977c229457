package dev.seedance4j.storyboard;

import dev.seedance4j.client.ChatMessage;
import dev.seedance4j.client.ChatRequest;

/**
 * A prompt's tokens estimated before it is sent, for the ledger's estimate: about one token per Chinese character
 * and one per four other characters, plus 4 per message (the service's own count replaces it once answered).
 */
final class ChatTokens {
    private ChatTokens() {}

    static long estimate(ChatRequest request) {
        long tokens = 3;
        for (ChatMessage m : request.messages()) tokens += 4 + estimate(m.content());
        if (request.responseFormat() != null && request.responseFormat().schema() != null) {
            tokens += estimate(request.responseFormat().schema());
        }
        return tokens;
    }

    static long estimate(String text) {
        long wide = text.codePoints().filter(c -> c >= 0x2E80).count();
        return wide + (text.length() - wide + 3) / 4;
    }
}
