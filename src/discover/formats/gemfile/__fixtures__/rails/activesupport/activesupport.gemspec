# frozen_string_literal: true

version = File.read(File.expand_path("../RAILS_VERSION", __dir__)).strip

Gem::Specification.new do |s|
  s.platform    = Gem::Platform::RUBY
  s.name        = "activesupport"
  s.version     = version
  s.add_dependency "i18n",            ">= 1.6", "< 2"
  s.add_dependency "tzinfo",          "~> 2.0", ">= 2.0.5"
  s.add_dependency "concurrent-ruby", "~> 1.0", ">= 1.3.1"
  s.add_dependency "connection_pool", ">= 2.2.5"
  s.add_dependency "minitest",        ">= 5.1"
  s.add_dependency "base64"
  s.add_dependency "drb"
  s.add_dependency "bigdecimal"
  s.add_dependency "json"
  s.add_dependency "psych", ">= 4"
  s.add_dependency "logger", ">= 1.4.2"
  s.add_dependency "securerandom", ">= 0.3"
  s.add_dependency "uri", ">= 0.13.1"
  s.add_dependency "ractor-dispatch", ">= 0.2.0"
end
