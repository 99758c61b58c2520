# -*- encoding: utf-8 -*-
# stub: acme-widget 1.0.0 ruby lib

Gem::Specification.new do |s|
  s.name = "acme-widget".freeze
  s.version = "1.0.0"
  s.description = <<-DESC
    s.add_dependency 'in-heredoc'
  DESC
  if s.respond_to? :add_runtime_dependency then
    s.add_runtime_dependency(%q<rack>.freeze, [">= 2.0".freeze, "< 4".freeze])
    s.add_development_dependency(%q<rspec>.freeze, ["= 3.12.0".freeze])
  else
    s.add_dependency(%q<rack>.freeze, [">= 2.0", "< 4"])
  end
end

Gem::Specification.new do |spec|
  spec.add_dependency "json"
  spec.add_dependency 'multi',
    '>= 1',
    '< 2'
  spec.add_runtime_dependency("exact", "1.4.2")
  spec.add_development_dependency "rake", "~> 13.0"
  spec.add_dependency 'platform-specific' unless RUBY_ENGINE == 'jruby'
  spec.add_dependency "version-var", Acme::VERSION
  %w[a b].each { |name| spec.add_dependency name }
  spec.add_dependency "splat", *REQUIREMENTS
  spec.add_dependency '__proto__'
  spec.add_dependency
  spec.name = "not-a-dependency"
end
