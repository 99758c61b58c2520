import {idOf, notFound, send} from '../http.js'
import type {Route} from './types.js'

/** `GET /users/{login}` and `GET /users/{login}/orgs` (public memberships). */
export function usersRoute(): Route {
  return {
    name: 'users',
    handle(ctx) {
      const m = ctx.method === 'GET' ? /^\/users\/([^/]+)(\/orgs)?$/.exec(ctx.path) : null
      if (!m) return null
      const user = ctx.fixtures.users.get(decodeURIComponent(m[1]).toLowerCase())
      if (!user) return send(ctx.res, 404, notFound())
      if (m[2])
        return send(
          ctx.res,
          200,
          user.orgs.map((login) => ({login, id: idOf(login), url: `${ctx.apiBase}/orgs/${login}`})),
          ctx.req,
          {},
          ctx.pad,
        )
      const {orgs: _orgs, ...profile} = user
      return send(ctx.res, 200, {...profile, id: idOf(user.login), type: 'User'}, ctx.req, {}, ctx.pad)
    },
  }
}
