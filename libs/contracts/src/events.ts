/**
 * Events are facts published to JetStream through each service's transactional outbox.
 *
 * An event subject is `<service>.<entity>.<past-tense verb>` and must never equal an RPC subject:
 * a stream listens on its exact event subjects only, so requests are never captured by a stream.
 * Subjects and stream names are a public API: renaming needs a migration plan.
 */
export interface EventDef<P> {
  readonly subject: string;
  /** Name of the stream (without the deployment prefix) that stores this event. */
  readonly stream: string;
  /**
   * A payload field whose value is appended to the subject it is published on
   * (`<subject>.<value>`), so that a consumer interested in one value (scoring: self-score sheets
   * only) is sent only those. The envelope's `subject` stays the event's own subject.
   */
  readonly routeBy?: keyof P & string;
  readonly _payload?: P;
}

export function eventDef<P>(stream: string, subject: string, routeBy?: keyof P & string): EventDef<P> {
  return routeBy ? { subject, stream, routeBy } : { subject, stream };
}

/** The NATS subject an event is published on. */
export function publishSubject<P>(def: EventDef<P>, data: P): string {
  return def.routeBy ? `${def.subject}.${String(data[def.routeBy])}` : def.subject;
}

/** What a consumer filters on: every event of the kind, or only those routed by `only`. */
export function consumeSubject(def: { subject: string; routeBy?: string }, only?: string): string {
  if (!def.routeBy) return def.subject;
  return only ? `${def.subject}.${only}` : `${def.subject}.*`;
}

/** The subjects a stream must listen on to store these events. */
export function streamSubjects(defs: { subject: string; routeBy?: string }[]): string[] {
  return defs.map((d) => consumeSubject(d));
}

export type EventPayload<D> = D extends EventDef<infer P> ? P : never;

/** The body of every event message. `id` is also the JetStream message id (dedupe on publish). */
export interface EventEnvelope<P> {
  id: string;
  subject: string;
  occurredAt: string;
  data: P;
}

export interface StreamDef {
  name: string;
  subjects: string[];
}
