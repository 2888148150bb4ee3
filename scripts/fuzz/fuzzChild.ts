/**
 * The process inputs run in: the campaign (`harness.ts`) sends one input at a time over IPC and kills this process
 * when an input runs past the time bound or its memory past the memory bound, so a hang or an out-of-memory is a
 * recorded outcome, not the end of the campaign.
 */
import type { FuzzPayload } from './generateInput.ts';
import { runInput } from './runInput.ts';

// Deep enough to see which code a stack overflow or a bug runs in (Node keeps 10 frames).
Error.stackTraceLimit = 40;

process.on('message', async (message: { id: number; payload: FuzzPayload }) => {
  const outcome = await runInput(message.payload);
  const usage = process.resourceUsage();
  process.send!({ id: message.id, outcome, rss: process.memoryUsage().rss, maxRss: usage.maxRSS * 1024 });
});
process.send!({ ready: true });
