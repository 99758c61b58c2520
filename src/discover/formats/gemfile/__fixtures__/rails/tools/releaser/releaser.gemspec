# frozen_string_literal: true

Gem::Specification.new do |s|
  s.platform    = Gem::Platform::RUBY
  s.name        = "releaser"
  s.version     = "1.0.0"
  s.add_dependency "rake", "~> 13.0"
  s.add_dependency "minitest"
end
