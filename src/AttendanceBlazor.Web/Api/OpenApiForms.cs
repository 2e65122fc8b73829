using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AttendanceBlazor.Web.Api;

/// <summary>
/// Describes the multipart form of POST /check_in_or_out in the OpenAPI document. The endpoint reads the form itself
/// (so a wrong content type gets a 400 with a message rather than a bare 415), which leaves the document to be told.
/// </summary>
internal static class OpenApiForms
{
    public static OpenApiOptions DescribeCheckInForm(this OpenApiOptions options)
    {
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().Any(m => m.EndpointName == "CheckInOrOut"))
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Required = new HashSet<string> { "image" },
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["image"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The still: JPEG, PNG, WebP, BMP or GIF. Repeat the part (up to 5) to send several stills of the same person; one part behaves as it always did." },
                                    ["name"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Only for a new person: the name to register." },
                                    ["consent"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "The person agreed to biometric registration." },
                                },
                            },
                        },
                    },
                };
                if (operation.Responses?.TryGetValue("409", out var conflict) == true && conflict is OpenApiResponse response)
                {
                    response.Description = "Nothing was recorded. problem+json with `error` and `outcome`; the newer cases also carry `code`: " +
                        "`doubtful_match` (the face is close to a registered person but not close enough to be sure; the candidate is not named; " +
                        "send more stills), `lookalike` (a new face close to someone registered: the registration waits for HR), " +
                        "`inactive_person` (the face belongs to a deactivated person). Older cases: a repeat inside the duplicate window " +
                        "(`last_event_time`), a name that belongs to another face, a face too close to two people.";
                }
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
