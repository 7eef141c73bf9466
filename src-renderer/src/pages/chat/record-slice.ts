import type { ChatSlice, RecordSlice } from './chat-store';

// The routing records replies point at, read once each: the badge's cost and
// timing, and the full trace the badge opens.

export const recordSlice: ChatSlice<RecordSlice> = (set, get) => ({
  records: {},
  traceId: null,

  ensureRecord(recordId) {
    const { client, records } = get();
    const known = records[recordId];
    if (!client || (known && known.status !== 'error')) return;
    set({ records: { ...get().records, [recordId]: { status: 'loading' } } });
    void client.call('replay.record', { recordId }).then((result) => {
      set({
        records: {
          ...get().records,
          [recordId]: result.ok
            ? { status: 'ready', value: result.data.record }
            : { status: 'error', error: result.error },
        },
      });
    });
  },

  forgetRecord(recordId) {
    const { [recordId]: _gone, ...rest } = get().records;
    set({ records: rest });
  },

  openTrace(recordId) {
    set({ traceId: recordId });
    get().ensureRecord(recordId);
  },

  closeTrace() {
    set({ traceId: null });
  },
});
