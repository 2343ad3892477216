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

/** An injection token that is not a class (`REDIS`), with the type its mock stands for. */
export interface TypedToken<D> {
  token: InjectionToken;
  /** Never read: carries `D` for the compiler. */
  type?: D;
}
export const typedToken = <D>(token: InjectionToken): TypedToken<D> => ({ token });

type MockedSet<M> = { [K in keyof M]: M[K] extends Type<infer D> ? Mocked<D> : M[K] extends TypedToken<infer D> ? Mocked<D> : never };

/**
 * Registers a `beforeEach` that builds the service afresh with every dependency mocked, and returns
 * one object that holds the service under test (`sut`) and the named mocks of the current test.
 * Register it first in a `describe`: later `beforeEach` blocks stub the fresh mocks.
 */
export function useTestService<T, M extends Record<string, Type<unknown> | TypedToken<unknown>>>(
  service: Type<T>,
  mocks: M,
  real: Array<{ provide: InjectionToken; useValue: unknown }> = [],
): { sut: T } & MockedSet<M> {
  const current = {} as { sut: T } & MockedSet<M>;
  beforeEach(async () => {
    const built = await newTestService(service, real);
    const named = Object.entries(mocks).map(([name, token]) => [name, built.mock('token' in token ? token.token : token)]);
    Object.assign(current, { sut: built.sut }, Object.fromEntries(named));
  });
  return current;
}
