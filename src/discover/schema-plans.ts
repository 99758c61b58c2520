// Generated from the discover stage's zod schemas (./schemas.ts) by ./schema-plans.test.ts: do not edit.
// STEWARDS_UPDATE_PLANS=1 npx vitest run src/discover/schema-plans.test.ts rewrites it.
import type {Plan} from '../core/plan.js'

export const PLANS: Readonly<Record<string, Plan>> = {
  "bun-lock/PackageInfo": {
    "type": "object",
    "shape": {
      "dependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      },
      "optionalDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      },
      "peerDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      }
    },
    "loose": true
  },
  "bun-lock/Workspace": {
    "type": "object",
    "shape": {
      "name": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "version": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "dependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      },
      "devDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      },
      "optionalDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      },
      "peerDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      }
    },
    "loose": true
  },
  "cargo-lock/CargoLockVersion": {
    "type": "union",
    "options": [
      {
        "type": "undefined"
      },
      {
        "type": "literal",
        "values": [
          3
        ]
      },
      {
        "type": "literal",
        "values": [
          4
        ]
      }
    ]
  },
  "cargo-lock/CargoPackage": {
    "type": "object",
    "shape": {
      "name": {
        "type": "string"
      },
      "version": {
        "type": "string"
      },
      "source": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "dependencies": {
        "type": "optional",
        "inner": {
          "type": "array",
          "element": {
            "type": "string"
          }
        }
      }
    },
    "loose": true
  },
  "composer-lock/ComposerPackage": {
    "type": "object",
    "shape": {
      "name": {
        "type": "string"
      },
      "version": {
        "type": "string"
      },
      "source": {
        "type": "optional",
        "inner": {
          "type": "object",
          "shape": {
            "type": {
              "type": "string"
            },
            "url": {
              "type": "optional",
              "inner": {
                "type": "string"
              }
            },
            "reference": {
              "type": "optional",
              "inner": {
                "type": "nullable",
                "inner": {
                  "type": "string"
                }
              }
            }
          },
          "loose": true
        }
      },
      "dist": {
        "type": "optional",
        "inner": {
          "type": "object",
          "shape": {
            "type": {
              "type": "string"
            },
            "url": {
              "type": "optional",
              "inner": {
                "type": "string"
              }
            },
            "reference": {
              "type": "optional",
              "inner": {
                "type": "nullable",
                "inner": {
                  "type": "string"
                }
              }
            }
          },
          "loose": true
        }
      }
    },
    "loose": true
  },
  "helm-chart/ChartFile": {
    "type": "object",
    "shape": {
      "appVersion": {
        "type": "optional",
        "inner": {
          "type": "nullable",
          "inner": {
            "type": "string"
          }
        }
      },
      "dependencies": {
        "type": "optional",
        "inner": {
          "type": "nullable",
          "inner": {
            "type": "array",
            "element": {
              "type": "object",
              "shape": {
                "name": {
                  "type": "string",
                  "checks": [
                    {
                      "check": "min_length",
                      "minimum": 1
                    }
                  ]
                },
                "version": {
                  "type": "optional",
                  "inner": {
                    "type": "nullable",
                    "inner": {
                      "type": "string"
                    }
                  }
                },
                "repository": {
                  "type": "optional",
                  "inner": {
                    "type": "nullable",
                    "inner": {
                      "type": "string"
                    }
                  }
                },
                "alias": {
                  "type": "optional",
                  "inner": {
                    "type": "nullable",
                    "inner": {
                      "type": "string"
                    }
                  }
                }
              },
              "loose": true
            }
          }
        }
      }
    },
    "loose": true
  },
  "kustomization/Kustomization": {
    "type": "object",
    "shape": {
      "images": {
        "type": "optional",
        "inner": {
          "type": "nullable",
          "inner": {
            "type": "array",
            "element": {
              "type": "object",
              "shape": {
                "name": {
                  "type": "string",
                  "checks": [
                    {
                      "check": "min_length",
                      "minimum": 1
                    }
                  ]
                },
                "newName": {
                  "type": "optional",
                  "inner": {
                    "type": "nullable",
                    "inner": {
                      "type": "string"
                    }
                  }
                },
                "newTag": {
                  "type": "optional",
                  "inner": {
                    "type": "nullable",
                    "inner": {
                      "type": "string"
                    }
                  }
                },
                "digest": {
                  "type": "optional",
                  "inner": {
                    "type": "nullable",
                    "inner": {
                      "type": "string"
                    }
                  }
                }
              },
              "loose": true
            }
          }
        }
      },
      "resources": {
        "type": "optional",
        "inner": {
          "type": "nullable",
          "inner": {
            "type": "array",
            "element": {
              "type": "string"
            }
          }
        }
      },
      "components": {
        "type": "optional",
        "inner": {
          "type": "nullable",
          "inner": {
            "type": "array",
            "element": {
              "type": "string"
            }
          }
        }
      },
      "bases": {
        "type": "optional",
        "inner": {
          "type": "nullable",
          "inner": {
            "type": "array",
            "element": {
              "type": "string"
            }
          }
        }
      },
      "helmCharts": {
        "type": "optional",
        "inner": {
          "type": "nullable",
          "inner": {
            "type": "array",
            "element": {
              "type": "object",
              "shape": {
                "name": {
                  "type": "string",
                  "checks": [
                    {
                      "check": "min_length",
                      "minimum": 1
                    }
                  ]
                },
                "repo": {
                  "type": "optional",
                  "inner": {
                    "type": "nullable",
                    "inner": {
                      "type": "string"
                    }
                  }
                },
                "version": {
                  "type": "optional",
                  "inner": {
                    "type": "nullable",
                    "inner": {
                      "type": "string"
                    }
                  }
                }
              },
              "loose": true
            }
          }
        }
      }
    },
    "loose": true
  },
  "npm-package-lock/DependenciesEntry": {
    "type": "object",
    "shape": {
      "version": {
        "type": "string"
      },
      "resolved": {
        "type": "optional",
        "inner": {
          "type": "union",
          "options": [
            {
              "type": "string"
            },
            {
              "type": "boolean"
            }
          ]
        }
      },
      "dev": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "optional": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "bundled": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      }
    },
    "loose": true
  },
  "npm-package-lock/PackagesEntry": {
    "type": "object",
    "shape": {
      "version": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "name": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "resolved": {
        "type": "optional",
        "inner": {
          "type": "union",
          "options": [
            {
              "type": "string"
            },
            {
              "type": "boolean"
            }
          ]
        }
      },
      "link": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "dev": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "optional": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "devOptional": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "peer": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "dependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      },
      "devDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      },
      "optionalDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      },
      "peerDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      }
    },
    "loose": true
  },
  "nuget-lock/Entry": {
    "type": "object",
    "shape": {
      "type": {
        "type": "literal",
        "values": [
          "Direct",
          "Transitive",
          "CentralTransitive",
          "Project"
        ]
      },
      "resolved": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "min_length",
              "minimum": 1
            },
            {
              "check": "max_length",
              "maximum": 128
            }
          ]
        }
      },
      "requested": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      }
    },
    "loose": true
  },
  "pipfile-lock/PipfileEntry": {
    "type": "object",
    "shape": {
      "version": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "git": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "ref": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "path": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "file": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "editable": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "index": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      }
    },
    "loose": true
  },
  "pipfile-lock/PipfileMeta": {
    "type": "object",
    "shape": {
      "pipfile-spec": {
        "type": "number",
        "checks": [
          {
            "check": "safeint"
          },
          {
            "check": "greater_than",
            "value": 1,
            "inclusive": true
          },
          {
            "check": "less_than",
            "value": 6,
            "inclusive": true
          }
        ]
      }
    },
    "loose": true
  },
  "pnpm-lock/EnvImporter": {
    "type": "object",
    "shape": {
      "configDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "union",
            "options": [
              {
                "type": "string"
              },
              {
                "type": "object",
                "shape": {
                  "version": {
                    "type": "string"
                  }
                },
                "loose": true
              }
            ]
          }
        }
      },
      "packageManagerDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "union",
            "options": [
              {
                "type": "string"
              },
              {
                "type": "object",
                "shape": {
                  "version": {
                    "type": "string"
                  }
                },
                "loose": true
              }
            ]
          }
        }
      }
    },
    "loose": true
  },
  "pnpm-lock/Importer": {
    "type": "object",
    "shape": {
      "dependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "union",
            "options": [
              {
                "type": "string"
              },
              {
                "type": "object",
                "shape": {
                  "version": {
                    "type": "string"
                  }
                },
                "loose": true
              }
            ]
          }
        }
      },
      "devDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "union",
            "options": [
              {
                "type": "string"
              },
              {
                "type": "object",
                "shape": {
                  "version": {
                    "type": "string"
                  }
                },
                "loose": true
              }
            ]
          }
        }
      },
      "optionalDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "union",
            "options": [
              {
                "type": "string"
              },
              {
                "type": "object",
                "shape": {
                  "version": {
                    "type": "string"
                  }
                },
                "loose": true
              }
            ]
          }
        }
      }
    },
    "loose": true
  },
  "pnpm-lock/PackageEntry": {
    "type": "object",
    "shape": {
      "name": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "version": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "resolution": {
        "type": "optional",
        "inner": {
          "type": "object",
          "shape": {
            "directory": {
              "type": "optional",
              "inner": {
                "type": "string"
              }
            },
            "tarball": {
              "type": "optional",
              "inner": {
                "type": "string"
              }
            },
            "repo": {
              "type": "optional",
              "inner": {
                "type": "string"
              }
            },
            "commit": {
              "type": "optional",
              "inner": {
                "type": "string"
              }
            }
          },
          "loose": true
        }
      },
      "dev": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "optional": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      }
    },
    "loose": true
  },
  "pnpm-lock/SnapshotEntry": {
    "type": "object",
    "shape": {
      "optional": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "dependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      },
      "optionalDependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      }
    },
    "loose": true
  },
  "poetry-lock/PoetryPackage": {
    "type": "object",
    "shape": {
      "name": {
        "type": "string"
      },
      "version": {
        "type": "string"
      },
      "optional": {
        "type": "optional",
        "inner": {
          "type": "boolean"
        }
      },
      "category": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "groups": {
        "type": "optional",
        "inner": {
          "type": "array",
          "element": {
            "type": "string"
          }
        }
      },
      "source": {
        "type": "optional",
        "inner": {
          "type": "object",
          "shape": {
            "type": {
              "type": "string"
            },
            "url": {
              "type": "optional",
              "inner": {
                "type": "string"
              }
            },
            "reference": {
              "type": "optional",
              "inner": {
                "type": "string"
              }
            },
            "resolved_reference": {
              "type": "optional",
              "inner": {
                "type": "string"
              }
            }
          },
          "loose": true
        }
      }
    },
    "loose": true
  },
  "swiftpm-resolved/PinV1": {
    "type": "object",
    "shape": {
      "package": {
        "type": "string",
        "checks": [
          {
            "check": "min_length",
            "minimum": 1
          }
        ]
      },
      "repositoryURL": {
        "type": "string",
        "checks": [
          {
            "check": "min_length",
            "minimum": 1
          },
          {
            "check": "max_length",
            "maximum": 2048
          }
        ]
      },
      "state": {
        "type": "object",
        "shape": {
          "version": {
            "type": "optional",
            "inner": {
              "type": "nullable",
              "inner": {
                "type": "string",
                "checks": [
                  {
                    "check": "max_length",
                    "maximum": 128
                  }
                ]
              }
            }
          },
          "revision": {
            "type": "optional",
            "inner": {
              "type": "nullable",
              "inner": {
                "type": "string",
                "checks": [
                  {
                    "check": "max_length",
                    "maximum": 128
                  }
                ]
              }
            }
          },
          "branch": {
            "type": "optional",
            "inner": {
              "type": "nullable",
              "inner": {
                "type": "string",
                "checks": [
                  {
                    "check": "max_length",
                    "maximum": 256
                  }
                ]
              }
            }
          }
        },
        "loose": true
      }
    },
    "loose": true
  },
  "swiftpm-resolved/PinV2": {
    "type": "object",
    "shape": {
      "identity": {
        "type": "string",
        "checks": [
          {
            "check": "min_length",
            "minimum": 1
          },
          {
            "check": "max_length",
            "maximum": 256
          }
        ]
      },
      "kind": {
        "type": "literal",
        "values": [
          "remoteSourceControl",
          "localSourceControl",
          "registry"
        ]
      },
      "location": {
        "type": "optional",
        "inner": {
          "type": "string",
          "checks": [
            {
              "check": "max_length",
              "maximum": 2048
            }
          ]
        }
      },
      "state": {
        "type": "object",
        "shape": {
          "version": {
            "type": "optional",
            "inner": {
              "type": "nullable",
              "inner": {
                "type": "string",
                "checks": [
                  {
                    "check": "max_length",
                    "maximum": 128
                  }
                ]
              }
            }
          },
          "revision": {
            "type": "optional",
            "inner": {
              "type": "nullable",
              "inner": {
                "type": "string",
                "checks": [
                  {
                    "check": "max_length",
                    "maximum": 128
                  }
                ]
              }
            }
          },
          "branch": {
            "type": "optional",
            "inner": {
              "type": "nullable",
              "inner": {
                "type": "string",
                "checks": [
                  {
                    "check": "max_length",
                    "maximum": 256
                  }
                ]
              }
            }
          }
        },
        "loose": true
      }
    },
    "loose": true
  },
  "uv-lock/UvLockVersion": {
    "type": "literal",
    "values": [
      1
    ]
  },
  "uv-lock/UvPackage": {
    "type": "object",
    "shape": {
      "name": {
        "type": "string"
      },
      "version": {
        "type": "optional",
        "inner": {
          "type": "string"
        }
      },
      "source": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "string"
          }
        }
      },
      "dependencies": {
        "type": "optional",
        "inner": {
          "type": "array",
          "element": {
            "type": "object",
            "shape": {
              "name": {
                "type": "string"
              }
            },
            "loose": true
          }
        }
      },
      "optional-dependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "array",
            "element": {
              "type": "object",
              "shape": {
                "name": {
                  "type": "string"
                }
              },
              "loose": true
            }
          }
        }
      },
      "dev-dependencies": {
        "type": "optional",
        "inner": {
          "type": "record",
          "value": {
            "type": "array",
            "element": {
              "type": "object",
              "shape": {
                "name": {
                  "type": "string"
                }
              },
              "loose": true
            }
          }
        }
      }
    },
    "loose": true
  },
  "yarn-lock/BerryEntry": {
    "type": "object",
    "shape": {
      "version": {
        "type": "string"
      },
      "resolution": {
        "type": "string"
      }
    },
    "loose": true
  },
  "yarn-lock/BerryMetadata": {
    "type": "object",
    "shape": {
      "version": {
        "type": "string",
        "checks": [
          {
            "check": "regex",
            "source": "^\\d+$",
            "flags": ""
          }
        ]
      }
    },
    "loose": true
  }
}
