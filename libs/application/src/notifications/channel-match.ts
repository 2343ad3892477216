/** What matching needs of a channel. */
export interface MatchableChannel {
  enabled: boolean;
  events: readonly string[];
  /** null: global. */
  workspaceId: string | null;
}

/** Whether a channel receives an event: enabled, subscribed to it, and global or of the event's workspace. */
export const channelMatches = (channel: MatchableChannel, event: { event: string; workspaceId: string }): boolean =>
  channel.enabled && channel.events.includes(event.event) && (channel.workspaceId === null || channel.workspaceId === event.workspaceId);
