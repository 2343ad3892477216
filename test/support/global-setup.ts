/** Placeholder until the integration suites need shared services; see issue 3. */
export default async function globalSetup(): Promise<void> {}
