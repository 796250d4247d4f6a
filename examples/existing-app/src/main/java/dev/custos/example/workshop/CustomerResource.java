// SPDX-License-Identifier: Apache-2.0
package dev.custos.example.workshop;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.List;

/** The counter's endpoints: find customers, register them, record a move, a bike or a repair. */
@Path("customers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed("staff")
public class CustomerResource {

    public record CustomerView(long id, String fullName, String email, String phone, String street) {
        static CustomerView of(Customer c) {
            return new CustomerView(c.getId(), c.getFullName(), c.getEmail(), c.getPhone(), c.getStreet());
        }
    }

    public record NewCustomer(String fullName, String email, String phone, String street) {
    }

    public record Move(String street) {
    }

    public record NewBike(String make) {
    }

    public record NewRepair(LocalDate date, String work) {
    }

    public record Created(long id) {
    }

    @Inject
    CustomerDao customers;

    @Inject
    RepairDao repairs;

    @GET
    public List<CustomerView> search(@QueryParam("q") @DefaultValue("") String term) {
        return customers.search(term).stream().map(CustomerView::of).toList();
    }

    @GET
    @Path("{id}")
    public Response find(@PathParam("id") long id) {
        return customers.find(id).map(c -> Response.ok(CustomerView.of(c))).orElse(notFound()).build();
    }

    @POST
    public Response create(NewCustomer body) {
        Customer customer = customers.create(body.fullName(), body.email(), body.phone(), body.street());
        return Response.status(Response.Status.CREATED).entity(new Created(customer.getId())).build();
    }

    @PUT
    @Path("{id}/street")
    public Response move(@PathParam("id") long id, Move body) {
        return customers.moveTo(id, body.street()).map(c -> Response.ok(CustomerView.of(c))).orElse(notFound())
                .build();
    }

    @POST
    @Path("{id}/bikes")
    public Response addBike(@PathParam("id") long id, NewBike body) {
        return customers.addBike(id, body.make())
                .map(b -> Response.status(Response.Status.CREATED).entity(new Created(b.getId())))
                .orElse(notFound()).build();
    }

    @POST
    @Path("bikes/{bike}/repairs")
    public Response addRepair(@PathParam("bike") long bike, NewRepair body) {
        return repairs.record(bike, body.date(), body.work())
                .map(r -> Response.status(Response.Status.CREATED).entity(new Created(r.getId())))
                .orElse(notFound()).build();
    }

    private static Response.ResponseBuilder notFound() {
        return Response.status(Response.Status.NOT_FOUND);
    }
}
