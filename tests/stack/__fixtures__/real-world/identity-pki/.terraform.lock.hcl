# This file is maintained automatically by "terraform init".
# Manual edits may be lost in future updates.

provider "registry.terraform.io/hashicorp/aws" {
  version     = "4.57.0"
  constraints = "4.57.0"
  hashes = [
    "h1:/gKhBSz+FU7V8vxRm2FXnMT4/Xhjnv99mtoXtJvnpDE=",
    "zh:07d89ad94267b7d6285fd65fbd67f8680e111abf9bbcbcac2e30154262fbbe46",
  ]
}

provider "registry.terraform.io/integrations/github" {
  version     = "5.18.3"
  constraints = "5.18.3"
  hashes = [
    "h1:+WUsuR5XPYdbKwQi13GxEVKRV+JgkRa3Bw/HaCG/oeM=",
    "zh:050b37d96628cb7451137755929ca8d21ea546bc46d11a715652584070e83ff2",
  ]
}

provider "registry.terraform.io/newrelic/newrelic" {
  version     = "3.16.0"
  constraints = "3.16.0"
  hashes = [
    "h1:43Lqx6uhb4LL2nXSiRmRBi69DNJ9oXnspwP/r8la68Q=",
    "zh:03dc1527300b74316396aff3789e0c999a18860c3607cbc5c27d6fb369b8177e",
  ]
}
