# Sourced by the CI scripts: `install_node MAJOR DIR` installs the official Node MAJOR binaries from the npm registry's
# `node` package (node@22, node@24) into DIR/nodeMAJOR and prints that prefix; its bin/ is
# PREFIX/node_modules/.bin (node, npm and npx run on it there). The install log is shown only when it fails.
install_node() {
  local major=$1 dir=$2
  local prefix="$dir/node$major"
  npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error "node@$major" >"$dir/node$major.log" 2>&1 || {
    cat "$dir/node$major.log" >&2
    return 1
  }
  echo "$prefix"
}
