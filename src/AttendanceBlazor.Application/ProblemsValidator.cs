using Microsoft.Extensions.Options;

namespace AttendanceBlazor.Application;

/// <summary>Validates options by their own list of problems, so a bad setting stops the start with the sentence that names it.</summary>
public sealed class ProblemsValidator<T>(Func<T, IEnumerable<string>> problems) : IValidateOptions<T> where T : class
{
    public ValidateOptionsResult Validate(string? name, T options) =>
        problems(options).ToList() is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
}
