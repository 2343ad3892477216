import { InjectionToken, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/** Every method of `T` as a jest mock; stub what a test needs (`mockResolvedValue`) and assert calls. */
export type Mocked<T> = jest.Mocked<T>;

/** An object whose every property, once read, is a jest.fn(): a stand-in for any collaborator. */
function autoMock(): object {
  const fns = new Map<PropertyKey, jest.Mock>();
  return new Proxy(
    {},
    {
      get: (_target, property) => {
        // not a promise, and nothing Nest asks about lifecycles or types
        if (property === 'then' || typeof property === 'symbol') return undefined;
        if (!fns.has(property)) fns.set(property, jest.fn());
        return fns.get(property);
      },
    },
  );
}

export interface TestService<T> {
  /** The service under test. */
  sut: T;
  /** The mock that stands for a collaborator (a class or an injection token). */
  mock<D>(token: Type<D> | InjectionToken): Mocked<D>;
}

/**
 * A service with every constructor dependency mocked (immich's `newTestService`): repositories,
 * requesters and tokens alike. `real` gives some of them real values (a kind catalog, a cipher).
 */
export async function newTestService<T>(
  service: Type<T>,
  real: Array<{ provide: InjectionToken; useValue: unknown }> = [],
): Promise<TestService<T>> {
  const moduleRef = await Test.createTestingModule({ providers: [service, ...real] })
    .useMocker(() => autoMock())
    .compile();
  return { sut: moduleRef.get(service), mock: <D>(token: Type<D> | InjectionToken) => moduleRef.get<Mocked<D>>(token) };
}
